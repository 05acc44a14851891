/**
 * The home page's search: loads the prebuilt index on first use and lists
 * matches as the user types. Enter submits the form, which decodes the text.
 *
 * @packageDocumentation
 */

import { search, type SearchEntry } from '../shared/search-core.js';

const input = document.getElementById('search-q') as HTMLInputElement;
const results = document.getElementById('search-results') as HTMLElement;
const root = document.documentElement.dataset.root ?? '';
let index: Promise<SearchEntry[]> | undefined;

function load(): Promise<SearchEntry[]> {
  index ??= fetch(`${root}search-index.json`).then((r) => r.json() as Promise<SearchEntry[]>);
  return index;
}

async function update(): Promise<void> {
  const query = input.value;
  const found = query.trim() ? search(await load(), query) : [];
  if (query !== input.value) return;
  const list = document.createElement('ul');
  list.className = 'hits';
  for (const hit of found) {
    const a = document.createElement('a');
    a.href = `${root}${hit.p}`;
    a.append(Object.assign(document.createElement('span'), { className: 'code', textContent: hit.c }), ` ${hit.t}`);
    const li = document.createElement('li');
    li.append(a);
    list.append(li);
  }
  const summary = document.createElement('p');
  summary.textContent = query.trim() ? `${found.length} match${found.length === 1 ? '' : 'es'}.` : '';
  results.replaceChildren(summary, ...(found.length ? [list] : []));
}

input.addEventListener('input', () => void update());
input.addEventListener('focus', () => void load(), { once: true });
if (input.value) void update();
document.documentElement.dataset.ready = 'true';
