/** The module patched: hyparquet's list assembly. */
export declare const HYPARQUET_ASSEMBLE: RegExp;
/** hyparquet's assemble.js with the flat-column pass; throws when it does not fit this hyparquet. */
export declare function patchAssembleLists(source: string): string;
