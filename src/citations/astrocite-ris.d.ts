// astrocite-ris ships no types: its parse() turns RIS text into CSL-JSON items and throws on text that is not RIS.
declare module 'astrocite-ris' {
  export function parse(text: string): Array<Record<string, unknown>>;
}
