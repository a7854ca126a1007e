/**
 * Sentence material for the corpus: neutral filler sentences and sentence frames per language. Nothing here holds
 * personal data; a frame's `{v}` is where a value goes and `{ctx}` where its label (e.g. "IBAN", "Reisepass") goes.
 */
import type { Rng } from "./random.js";

export type Lang = "en" | "de" | "fr" | "es" | "it" | "nl" | "pl" | "sv" | "pt" | "hi" | "zh" | "ja" | "ko" | "ru";

/** Ordinary sentences without personal data (neutral rows, and padding for long free text). */
export const FILLERS: Record<Lang, readonly string[]> = {
  en: [
    "The quarterly report is attached for your review.",
    "We moved the weekly sync to the afternoon.",
    "Thanks for the quick turnaround on this request.",
    "The model was retrained on the cleaned dataset last week.",
    "Please note that the office will be closed during the holidays.",
    "Shipping usually takes three to five business days.",
    "The results look promising but need another evaluation run.",
    "Our support team will get back to you shortly.",
    "This product is available in three colours and two sizes.",
    "The new onboarding flow reduced drop-off noticeably.",
    "Let me know if anything is unclear.",
    "The coffee machine on the second floor is broken again.",
  ],
  de: [
    "Der Bericht für das dritte Quartal liegt im Anhang.",
    "Vielen Dank für die schnelle Rückmeldung.",
    "Die Lieferung dauert in der Regel drei bis fünf Werktage.",
    "Das Modell wurde mit dem bereinigten Datensatz neu trainiert.",
    "Bitte beachten Sie die geänderten Öffnungszeiten.",
    "Unser Kundenservice meldet sich in Kürze bei Ihnen.",
    "Das Produkt ist in drei Farben erhältlich.",
    "Die Besprechung wurde auf Donnerstag verschoben.",
    "Wir freuen uns auf die weitere Zusammenarbeit.",
  ],
  fr: [
    "Le rapport trimestriel est joint à ce message.",
    "Merci pour votre réponse rapide.",
    "La livraison prend généralement trois à cinq jours ouvrés.",
    "Le modèle a été réentraîné sur le jeu de données nettoyé.",
    "Notre service client vous répondra dans les plus brefs délais.",
    "La réunion est reportée à jeudi après-midi.",
    "Ce produit est disponible en trois couleurs.",
    "Nous restons à votre disposition pour toute question.",
  ],
  es: [
    "El informe trimestral está adjunto.",
    "Gracias por su rápida respuesta.",
    "El envío suele tardar entre tres y cinco días laborables.",
    "El modelo se volvió a entrenar con el conjunto de datos limpio.",
    "Nuestro equipo de soporte le contestará pronto.",
    "La reunión se ha aplazado hasta el jueves.",
    "Este producto está disponible en tres colores.",
    "Quedamos a su disposición para cualquier consulta.",
  ],
  it: [
    "Il rapporto trimestrale è in allegato.",
    "Grazie per la rapida risposta.",
    "La spedizione richiede di solito da tre a cinque giorni lavorativi.",
    "Il modello è stato riaddestrato sul dataset ripulito.",
    "Il nostro servizio clienti la contatterà a breve.",
    "La riunione è stata spostata a giovedì.",
    "Restiamo a disposizione per qualsiasi chiarimento.",
  ],
  nl: [
    "Het kwartaalrapport zit in de bijlage.",
    "Bedankt voor de snelle reactie.",
    "De levering duurt meestal drie tot vijf werkdagen.",
    "Het model is opnieuw getraind op de opgeschoonde dataset.",
    "Onze klantenservice neemt binnenkort contact met u op.",
    "De vergadering is verplaatst naar donderdag.",
    "Dit product is verkrijgbaar in drie kleuren.",
  ],
  pl: [
    "Raport kwartalny znajduje się w załączniku.",
    "Dziękujemy za szybką odpowiedź.",
    "Wysyłka trwa zwykle od trzech do pięciu dni roboczych.",
    "Model został ponownie wytrenowany na oczyszczonym zbiorze danych.",
    "Nasz dział obsługi klienta wkrótce się z Państwem skontaktuje.",
    "Spotkanie zostało przełożone na czwartek.",
  ],
  sv: [
    "Kvartalsrapporten finns bifogad.",
    "Tack för det snabba svaret.",
    "Leveransen tar normalt tre till fem arbetsdagar.",
    "Modellen tränades om på den rensade datamängden.",
    "Vår kundtjänst återkommer till dig inom kort.",
    "Mötet har flyttats till torsdag.",
  ],
  pt: [
    "O relatório trimestral está em anexo.",
    "Obrigado pela resposta rápida.",
    "O envio costuma levar de três a cinco dias úteis.",
    "O modelo foi treinado novamente com o conjunto de dados limpo.",
    "A nossa equipa de apoio entrará em contacto em breve.",
    "A reunião foi adiada para quinta-feira.",
  ],
  hi: [
    "Report attach kar diya hai, please check kar lo.",
    "Delivery mein teen se paanch din lagte hain.",
    "Aapka request process ho raha hai, thoda wait kijiye.",
    "Kal ki meeting cancel ho gayi hai.",
    "Model ko naye data par dobara train kiya gaya.",
    "Koi problem ho toh batana.",
  ],
  zh: [
    "季度报告已附在邮件中。",
    "感谢您的快速回复。",
    "配送通常需要三到五个工作日。",
    "模型已在清洗后的数据集上重新训练。",
    "我们的客服团队会尽快与您联系。",
    "会议改到周四下午。",
  ],
  ja: [
    "四半期報告書を添付しました。",
    "迅速なご対応ありがとうございます。",
    "配送には通常三〜五営業日かかります。",
    "モデルはクリーニング済みのデータセットで再学習しました。",
    "サポートチームより折り返しご連絡いたします。",
    "会議は木曜日に変更になりました。",
  ],
  ko: [
    "분기 보고서를 첨부했습니다.",
    "빠른 답변 감사합니다.",
    "배송은 보통 영업일 기준 3~5일 걸립니다.",
    "모델은 정제된 데이터셋으로 다시 학습되었습니다.",
    "고객 지원팀에서 곧 연락드리겠습니다.",
    "회의는 목요일로 변경되었습니다.",
  ],
  ru: [
    "Квартальный отчёт во вложении.",
    "Спасибо за быстрый ответ.",
    "Доставка обычно занимает от трёх до пяти рабочих дней.",
    "Модель переобучили на очищенном наборе данных.",
    "Служба поддержки скоро свяжется с вами.",
  ],
};

/** Frames with a context label: the value at the start, in the middle and at the end, followed by . , ) ; */
const CONTEXT_FRAMES: Record<Lang, readonly string[]> = {
  en: [
    "My {ctx} is {v}.",
    "{ctx}: {v}",
    "Please use {ctx} {v}, not the old one.",
    "Updated the {ctx} ({v}) in the CRM.",
    "The {ctx} on file is {v}; please verify it.",
    "{ctx} {v}",
    "Customer provided {ctx} {v} during the call.",
    "Can you double-check the {ctx}? It should be {v}.",
  ],
  de: [
    "Meine {ctx} lautet {v}.",
    "{ctx}: {v}",
    "Bitte verwenden Sie {ctx} {v}, nicht die alte.",
    "Die {ctx} ({v}) wurde im System aktualisiert.",
    "Laut Unterlagen ist die {ctx} {v}; bitte prüfen.",
  ],
  fr: [
    "Mon {ctx} est {v}.",
    "{ctx} : {v}",
    "Merci d'utiliser le {ctx} {v}, pas l'ancien.",
    "Le {ctx} ({v}) a été mis à jour.",
  ],
  es: [
    "Mi {ctx} es {v}.",
    "{ctx}: {v}",
    "Por favor, use el {ctx} {v}, no el anterior.",
    "Se actualizó el {ctx} ({v}) en el sistema.",
  ],
  it: [
    "Il mio {ctx} è {v}.",
    "{ctx}: {v}",
    "Si prega di usare il {ctx} {v}, non quello vecchio.",
    "{ctx} ({v}) aggiornato.",
  ],
  nl: ["Mijn {ctx} is {v}.", "{ctx}: {v}", "Gebruik alstublieft {ctx} {v}, niet de oude.", "{ctx} ({v}) bijgewerkt."],
  pl: ["Mój {ctx} to {v}.", "{ctx}: {v}", "Proszę użyć {ctx} {v}, nie starego.", "Zaktualizowano {ctx} ({v})."],
  sv: ["Mitt {ctx} är {v}.", "{ctx}: {v}", "Använd {ctx} {v}, inte det gamla.", "{ctx} ({v}) uppdaterat."],
  pt: ["O meu {ctx} é {v}.", "{ctx}: {v}", "Por favor use o {ctx} {v}, não o antigo.", "{ctx} ({v}) atualizado."],
  hi: [
    "Mera {ctx} {v} hai.",
    "{ctx}: {v}",
    "Please {ctx} {v} use karo, purana wala nahi.",
    "{ctx} ({v}) update kar diya.",
  ],
  zh: ["我的{ctx}是{v}。", "{ctx}：{v}", "请使用{ctx} {v}，谢谢。", "已更新{ctx}（{v}）。"],
  ja: ["私の{ctx}は{v}です。", "{ctx}：{v}", "{ctx} {v} をご確認ください。", "{ctx}（{v}）を更新しました。"],
  ko: ["제 {ctx}는 {v}입니다.", "{ctx}: {v}", "{ctx} {v} 확인 부탁드립니다.", "{ctx}({v})를 수정했습니다."],
  ru: ["Мой {ctx}: {v}.", "{ctx}: {v}", "Пожалуйста, используйте {ctx} {v}, а не старый.", "{ctx} ({v}) обновлён."],
};

/** Frames without a label: only self-evident values (cards, IBANs, e-mails …) go here. */
const BARE_FRAMES: Record<Lang, readonly string[]> = {
  en: [
    "{v}",
    "Sent from {v}.",
    "{v} was copied from the form, please check.",
    "See above ({v}).",
    "Old value: {v}, new value pending",
  ],
  de: ["{v}", "Siehe oben ({v}).", "{v} wurde aus dem Formular übernommen.", "Alter Wert: {v}, neuer folgt"],
  fr: [
    "{v}",
    "Voir ci-dessus ({v}).",
    "{v} a été copié depuis le formulaire.",
    "Ancienne valeur : {v}, la nouvelle suit",
  ],
  es: ["{v}", "Ver arriba ({v}).", "{v} se copió del formulario.", "Valor antiguo: {v}, el nuevo llegará"],
  it: ["{v}", "Vedi sopra ({v}).", "{v} è stato copiato dal modulo."],
  nl: ["{v}", "Zie hierboven ({v}).", "{v} is uit het formulier overgenomen."],
  pl: ["{v}", "Patrz wyżej ({v}).", "{v} skopiowano z formularza."],
  sv: ["{v}", "Se ovan ({v}).", "{v} kopierades från formuläret."],
  pt: ["{v}", "Ver acima ({v}).", "{v} foi copiado do formulário."],
  hi: ["{v}", "Upar dekho ({v}).", "{v} form se copy kiya hai."],
  zh: ["{v}", "见上文（{v}）。", "{v}是从表格中复制的。"],
  ja: ["{v}", "上記参照（{v}）。", "{v}はフォームからコピーしました。"],
  ko: ["{v}", "위 참조({v}).", "{v}는 양식에서 복사했습니다."],
  ru: ["{v}", "См. выше ({v}).", "{v} скопирован из формы."],
};

export const NEUTRAL_FIELDS = ["notes", "comment", "text", "description", "message", "body", "value", "remarks"];

export function contextSentence(rng: Rng, lang: Lang, ctx: string, value: string): string {
  return rng.pick(CONTEXT_FRAMES[lang]).replace("{ctx}", ctx).replace("{v}", value);
}

export function bareSentence(rng: Rng, lang: Lang, value: string): string {
  return rng.pick(BARE_FRAMES[lang]).replace("{v}", value);
}

/** Free text of several sentences with `sentence` at a random position. */
export function longText(rng: Rng, lang: Lang, sentence: string): string {
  const parts: string[] = [];
  const n = rng.int(2, 6);
  for (let i = 0; i < n; i++) parts.push(rng.pick(FILLERS[lang]));
  parts.splice(
    rng.int(0, parts.length),
    0,
    /[.。!?;:)）]$/.test(sentence) ? sentence : sentence + (isCjk(lang) ? "。" : "."),
  );
  return parts.join(isCjk(lang) ? "" : " ");
}

export function isCjk(lang: Lang): boolean {
  return lang === "zh" || lang === "ja";
}

/** Labels that say a number is something else (hard negatives for bare digit runs). */
export const OTHER_NUMBER_LABELS: Record<Lang, readonly string[]> = {
  en: ["order number", "invoice no.", "tracking number", "ticket", "SKU", "batch", "serial number", "reference code"],
  de: ["Bestellnummer", "Rechnungsnummer", "Sendungsnummer", "Artikelnummer", "Auftragsnummer"],
  fr: ["numéro de commande", "numéro de facture", "numéro de suivi", "référence article"],
  es: ["número de pedido", "número de factura", "número de seguimiento"],
  it: ["numero d'ordine", "numero fattura", "codice articolo"],
  nl: ["bestelnummer", "factuurnummer", "trackingnummer"],
  pl: ["numer zamówienia", "numer faktury", "numer przesyłki"],
  sv: ["ordernummer", "fakturanummer", "spårningsnummer"],
  pt: ["número do pedido", "número da fatura", "código de rastreio"],
  hi: ["order number", "invoice number", "tracking ID"],
  zh: ["订单号", "发票号", "快递单号"],
  ja: ["注文番号", "請求書番号", "追跡番号"],
  ko: ["주문번호", "송장번호", "운송장 번호"],
  ru: ["номер заказа", "номер счёта-фактуры", "трек-номер"],
};

/** Field names that say a value is something else. */
export const OTHER_NUMBER_FIELDS = [
  "order_id",
  "invoice_no",
  "tracking_number",
  "sku",
  "batch_id",
  "serial",
  "ticket_id",
];
