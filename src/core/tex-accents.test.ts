import { describe, expect, it } from 'vitest';
import { decodeTexAccents, decodeTexText } from './tex-accents.js';

describe('TeX in running text', () => {
  it('decodes accents in every written form', () => {
    expect(decodeTexText("L\\'evy processes")).toBe('Lévy processes');
    expect(decodeTexText("L\\'{e}vy, {\\'E}cole, Schr\\\"odinger, Erd\\H{o}s, \\v{C}ech, \\c c")).toBe(
      'Lévy, École, Schrödinger, Erdős, Čech, ç',
    );
    expect(decodeTexText('\\o, \\ss{} and \\AA{}ngstr\\"om')).toBe('ø, ß and Ångström');
  });

  it('drops font commands, unescapes symbols and turns TeX quotes and named symbols into characters', () => {
    expect(decodeTexText('\\emph{weak \\textbf{strong}} A \\& B, 5\\%, a\\_b')).toBe('weak strong A & B, 5%, a_b');
    expect(decodeTexText("``quoted'' \\ldots\\ \\S 2")).toBe('“quoted” …\\ § 2');
  });

  it('leaves unknown macros and lookalikes of letter accents as written', () => {
    expect(decodeTexText('\\vec v and \\ref{x} and \\cite{y} and \\si{m}')).toBe(
      '\\vec v and \\ref{x} and \\cite{y} and \\si{m}',
    );
    expect(decodeTexText('\\cal{O}(\\alpha_{s}^2)')).toBe('\\cal{O}(\\alpha_{s}^2)');
  });

  it('agrees with the name decoder on names', () => {
    expect(decodeTexText("Fr\\'ed\\'eric Lagouti\\`ere")).toBe(decodeTexAccents("Fr\\'ed\\'eric Lagouti\\`ere"));
  });
});
