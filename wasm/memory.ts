/** Shared by the WebAssembly modules in this folder (compiled into each). */

/** Grow the module's memory to hold `end` bytes; a failed grow traps (the caller asked for too much). */
export function ensureMemory(end: usize): void {
  const pages = <i32>((end + 0xffff) >>> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) unreachable();
}
