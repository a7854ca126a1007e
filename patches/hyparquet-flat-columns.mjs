// A one-pass assembly of flat columns for hyparquet, applied where it is bundled (build.mjs) and where tests
// import it (vitest.config.ts), so both run the same reader.
//
// hyparquet turns each page's values and definition levels into the column's values with `assembleLists`, a
// general Dremel assembly that walks the schema path for every value and pushes it into a new array; a page
// without nulls first gets an array of levels made for it. A top-level column that is not repeated needs none
// of that: a page without nulls is its values as they are (what hyparquet hands over for a required column),
// a page with nulls one value or one null per definition level. Writers such as DuckDB mark every column
// optional, so this is every column of most files users scan (README, "Flat Parquet columns", for its cost).

/** The module patched: hyparquet's list assembly. */
export const HYPARQUET_ASSEMBLE = /[\\/]node_modules[\\/]hyparquet[\\/]src[\\/]assemble\.js$/;

const ANCHOR = "  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath)\n";

const FAST_PATH = `  // comply-gate: a flat column in one pass (patches/hyparquet-flat-columns.mjs)
  if (schemaPath.length === 2 && !repetitionLevels.length && !schemaPath[1].children.length &&
      schemaPath[1].element.repetition_type !== 'REPEATED') {
    // No definition levels: the page holds no null, and its values are the column's, as for a required column.
    if (!definitionLevels?.length) return values
    let valueIndex = 0
    let at = output.length
    output.length = at + definitionLevels.length
    for (let i = 0; i < definitionLevels.length; i++) {
      output[at++] = definitionLevels[i] === maxDefinitionLevel ? values[valueIndex++] : null
    }
    return output
  }
`;

/**
 * hyparquet's assemble.js with the flat-column pass after its first statement. Throws when that statement is
 * not there exactly once (another hyparquet version): the build and the tests then stop rather than run the
 * reader unpatched, or patched in the wrong place.
 */
export function patchAssembleLists(source) {
  const at = source.indexOf(ANCHOR);
  if (at < 0 || source.indexOf(ANCHOR, at + 1) >= 0)
    throw new Error("hyparquet's assembleLists has changed: review patches/hyparquet-flat-columns.mjs");
  const end = at + ANCHOR.length;
  return source.slice(0, end) + FAST_PATH + source.slice(end);
}
