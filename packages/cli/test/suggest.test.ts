import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../src/suggest.js';

describe('editDistance', () => {
  it.each([
    ['list', 'list', 0],
    ['lst', 'list', 1],
    ['lsit', 'list', 1], // one swap of neighbours
    ['explian', 'explain', 1],
    ['clasify', 'classify', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%j -> %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('didYouMean', () => {
  const commands = ['explain', 'list', 'classify', 'registry', 'help'];
  it.each([
    ['lsit', 'list'],
    ['expalin', 'explain'],
    ['EXPLAIN', 'explain'],
    ['registy', 'registry'],
    ['clasify', 'classify'],
    ['hlep', 'help'],
  ])('%j -> %j', (typed, expected) => {
    expect(didYouMean(typed, commands)).toBe(expected);
  });

  it.each(['x', 'frobnicate', 'lxxt', 'status'])('%j is close to nothing', (typed) => {
    expect(didYouMean(typed, commands)).toBeUndefined();
  });

  it('finds options by their long names', () => {
    expect(didYouMean('--serch', ['--search', '--subject', '--json'])).toBe('--search');
    expect(didYouMean('--jsno', ['--json', '--help'])).toBe('--json');
  });
});
