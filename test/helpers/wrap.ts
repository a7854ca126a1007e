/** `words` broken greedily into lines of at most `width` characters, as a mail client wraps a paragraph. */
export function wrapGreedily(words: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of words.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line].join("\n");
}
