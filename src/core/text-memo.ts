/**
 * Results remembered per field and text, for work whose result depends on nothing else: values and keys repeat
 * row after row (dates, codes, "role" and "content" in every turn of a chat set). Bounded: a field's texts are
 * forgotten once it holds `perField` of them, and every field once `fields` fields are held, so a set keyed by
 * e-mail addresses or ids keeps emptying the memory instead of growing it. (Look-up and keeping are two calls,
 * not one taking a callback: the callers are per-row paths, where a closure per call costs.)
 */
export class TextMemo<T> {
  private readonly byField = new Map<string, Map<string, T>>();
  private readonly limits: { readonly fields: number; readonly perField: number };

  constructor(limits: { readonly fields: number; readonly perField: number }) {
    this.limits = limits;
  }

  find(field: string, text: string): T | undefined {
    return this.byField.get(field)?.get(text);
  }

  keep(field: string, text: string, result: T): void {
    let texts = this.byField.get(field);
    if (texts === undefined) {
      if (this.byField.size >= this.limits.fields) this.byField.clear();
      texts = new Map();
      this.byField.set(field, texts);
    } else if (texts.size >= this.limits.perField) texts.clear();
    texts.set(text, result);
  }
}
