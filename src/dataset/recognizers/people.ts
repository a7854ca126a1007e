/**
 * Person names and street addresses (Tier C), found without a language model: a capitalised name after a
 * title or a cue ("Mr.", "my name is", "Dear", "Regards,"), a given name from a lexicon followed by a
 * capitalised surname, a whole value in a column named for a name; street addresses by the grammars of
 * English, German/Dutch/Nordic, French and Spanish/Italian/Portuguese addresses (house number and street type).
 * Heuristic by nature: off unless asked for (see the README for the measured precision).
 */

const CAP = "\\p{Lu}[\\p{Ll}'’-]{1,20}";
const NAME = `${CAP}(?: (?:van der |van |de la |de |von |di |da |del |le |la |bin |al-)?${CAP}){0,2}`;

/**
 * The name rules, built on first use: names are looked for only when asked, and a thread that never does
 * (the scan's default) does not pay for parsing their Unicode classes and the lexicon.
 */
let nameRules: { cued: RegExp; givenNames: ReadonlySet<string>; lexiconName: RegExp } | undefined;
const rules = () => {
  nameRules ??= { cued: buildCued(), givenNames: buildGivenNames(), lexiconName: buildLexiconName() };
  return nameRules;
};

/** A title or a cue, then the name. */
const buildCued = () =>
  new RegExp(
    `(?:\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle|Sra|Srta|Sig|Sig\\.ra)\\.? |\\b(?:[Mm]y name is|[Nn]ame(?: is)?:?|[Nn]amed|[Cc]alled|[Dd]ear|[Rr]egards,|[Ss]incerely,|[Tt]hanks,|[Cc]heers,|[Ss]igned:?|[Pp]atient:?|[Cc]ustomer:?|[Aa]ttn:?|[Cc]ontact(?: person)?:|[Jj]e m'appelle|[Ii]ch hei(?:ß|ss)e|[Mm]e llamo|[Mm]i chiamo|[Mm]eu nome é) )(${NAME})`,
    "gu",
  );

/** Common given names (US SSA, ONS, INSEE, INE and Destatis top lists), lower case. */
const buildGivenNames = () =>
  new Set(
    `james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander patrick frank raymond
jack dennis jerry tyler aaron jose adam nathan henry zachary douglas peter kyle noah ethan jeremy walter christian
keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe
logan alan juan albert willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene mary
patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra margaret ashley kimberly
emily donna michelle carol amanda melissa deborah stephanie dorothy rebecca sharon laura cynthia amy kathleen angela
shirley brenda emma anna pamela nicole samantha katherine christine helen debra rachel carolyn janet maria catherine
heather diane olivia julie joyce victoria ruth virginia lauren kelly christina joan evelyn judith andrea hannah megan
cheryl jacqueline martha madison teresa gloria sara janice ann kathryn abigail sophia frances jean alice judy isabella
julia grace amber denise danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla alexis lori
marie oliver harry leo oscar archie charlie freddie alfie theo arthur amelia isla ava mia ivy lily rosie sophie
lucas hugo louis gabriel raphael jules adam arthur leon nathan camille louise lea chloe manon ines jade lina
juan carlos luis javier miguel antonio manuel francisco pablo alejandro sergio jorge alberto lucia paula marta
carmen laura elena pilar rosa isabel cristina raquel beatriz lukas leon finn jonas felix maximilian paul elias ben
luca niklas tim jan moritz sophie marie hannah lena lea mia anna laura julia sarah katharina johanna franziska
giuseppe giovanni francesco antonio mario luigi marco andrea alessandro matteo lorenzo giulia chiara francesca sofia
valentina martina alessia federica wei fang li na jing min jie lei yan ming hui xin yu ying mohammed mohammad
muhammad ahmed ali omar hassan hussein fatima aisha priya rahul amit raj sunil anil deepak pooja neha anjali ravi
vijay sanjay arjun kumar hiroshi takashi yuki haruto yuto sakura yui hina ji-woo min-jun seo-yeon olga ivan
dmitri sergei natasha anastasia svetlana jan piotr krzysztof anna katarzyna agnieszka lars erik anders nils karin
ingrid astrid sven bjorn mohamed youssef amina khadija kwame kofi ama chinedu ngozi oluwaseun tunde`.split(/\s+/),
  );

const buildLexiconName = () =>
  new RegExp(`(?<![\\p{L}])(\\p{Lu}\\p{Ll}{1,15})( (?:van |de |von |di |da |del |le |la )?${CAP}){1,2}`, "gu");

/** Capitalised words that start sentences and headings, never a surname after a given name. */
const NOT_SURNAME =
  /^(?:The|And|But|Or|If|In|On|At|To|For|Of|With|From|By|Is|Was|Are|Will|Has|Had|Street|Road|Avenue|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** [start, end) of every person name found in `text`; `wholeValue` when the column is named for a name. */
export function findNames(text: string, wholeValue: boolean): [number, number][] {
  const found: [number, number][] = [];
  if (wholeValue) {
    const trimmed = text.trim();
    if (new RegExp(`^${NAME}$`, "u").test(trimmed)) {
      const start = text.indexOf(trimmed);
      return [[start, start + trimmed.length]];
    }
  }
  const { cued, givenNames, lexiconName } = rules();
  cued.lastIndex = 0;
  for (let m = cued.exec(text); m !== null; m = cued.exec(text)) {
    const name = m[1] as string;
    const start = m.index + m[0].length - name.length;
    found.push([start, start + name.length]);
  }
  lexiconName.lastIndex = 0;
  for (let m = lexiconName.exec(text); m !== null; m = lexiconName.exec(text)) {
    const given = (m[1] as string).toLowerCase();
    const surname = (m[2] as string).trim();
    if (!givenNames.has(given) || NOT_SURNAME.test(surname)) continue;
    const end = m.index + m[0].length;
    if (!found.some(([s, e]) => m.index < e && end > s)) found.push([m.index, end]);
  }
  return found;
}

const STREET_EN =
  "\\b\\d{1,5}[A-Za-z]?(?: [NSEW]\\.?)?(?: [A-Z][a-z]{1,20}){1,3} (?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Parkway|Pkwy|Highway|Hwy|Circle|Crescent|Close|Square|Gardens|Grove|Row|Mews)\\b";
const STREET_GERMANIC =
  "(?<![\\p{L}])\\p{Lu}[\\p{Ll}ß-]{2,30}(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|gracht|laan|straat|plein|kade|vägen|gatan|gade|vej|veien|gata)(?: \\d{1,4}[a-z]?\\b)";
const STREET_FRENCH =
  "\\b\\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|route|cours) (?:de la |de l'|du |des |de |d')?\\p{Lu}[\\p{L}'-]{1,30}";
const STREET_ROMANCE =
  "\\b(?:Calle|Avenida|Avda\\.|Plaza|Paseo|Carrer|Via|Viale|Piazza|Corso|Rua|Travessa|Largo) (?:de la |del |de |di |della |dei |da |do |dos )?\\p{Lu}[\\p{L}'-]{1,30}(?: \\p{Lu}[\\p{L}'-]{1,30}){0,2},? (?:n\\.?[º°o]?\\.? ?)?\\d{1,4}\\b";

const ADDRESS = new RegExp(`${STREET_EN}|${STREET_GERMANIC}|${STREET_FRENCH}|${STREET_ROMANCE}`, "gu");

/**
 * Every alternative holds a capital letter (`[A-Z]` or `\p{Lu}`): a text with no ASCII capital and no character
 * beyond ASCII holds no address, and one native test over it says so.
 */
const MAY_HOLD_ADDRESS = /[A-Z\u0080-\uffff]/;

/**
 * [start, end) of every street address (street and house number) in `text`. The grammars run with no word
 * prefilter: each alternative starts at a digit, a capital or a Romance street word, so the pattern passes
 * over ordinary text faster than a case-insensitive test for the sixty street-type words did.
 */
export function findAddresses(text: string): [number, number][] {
  const found: [number, number][] = [];
  if (!MAY_HOLD_ADDRESS.test(text)) return found;
  ADDRESS.lastIndex = 0;
  for (let m = ADDRESS.exec(text); m !== null; m = ADDRESS.exec(text)) found.push([m.index, m.index + m[0].length]);
  return found;
}
