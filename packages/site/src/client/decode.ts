/**
 * The decoder page's script: reads `?q=` (and `cmd=`) on load, decodes on
 * submit or Ctrl+Enter, keeps the address bar a permalink of what is shown,
 * copies it, and reads a dropped or chosen bounce file. Nothing is sent
 * anywhere: the library runs here.
 *
 * @packageDocumentation
 */

import { decode } from './decode-core.js';
import { renderResult } from './render.js';

/** Longer inputs are decoded but not put in the address bar (browsers and servers cut long URLs). */
const MAX_PERMALINK_INPUT = 16_000;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const form = $<HTMLFormElement>('decoder');
const input = $<HTMLTextAreaElement>('q');
const command = $<HTMLSelectElement>('cmd');
const file = $<HTMLInputElement>('file');
const copy = $<HTMLButtonElement>('copy');
const copyStatus = $<HTMLSpanElement>('copy-status');
const result = $<HTMLElement>('result');
const resultTitle = $<HTMLElement>('result-title');
const resultBody = $<HTMLElement>('result-body');
const root = document.documentElement.dataset.root ?? '../';

function permalink(): string | undefined {
  if (input.value.length > MAX_PERMALINK_INPUT) return undefined;
  const params = new URLSearchParams();
  params.set('q', input.value);
  if (command.value) params.set('cmd', command.value);
  return `${location.pathname}?${params}`;
}

/** Decode what the form holds; `record` puts it in the history (a new entry, so Back returns to the previous input). */
function show(moveFocus: boolean, record: boolean): void {
  const decoded = decode(input.value, command.value || undefined);
  resultBody.replaceChildren(...(decoded ? [renderResult(decoded, root)] : []));
  result.hidden = !decoded;
  const link = decoded ? permalink() : undefined;
  if (link && record && link !== `${location.pathname}${location.search}`) history.pushState(null, '', link);
  copy.disabled = !link;
  copyStatus.textContent = decoded && !link ? 'The input is too long for a permalink.' : '';
  if (decoded && moveFocus) resultTitle.focus();
}

/** Fill the form from the address (`?q=` and `cmd=`) and decode: on load, and on Back and Forward. */
function showFromAddress(): void {
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  command.value = params.get('cmd') ?? '';
  show(false, false);
}

async function copyPermalink(): Promise<void> {
  try {
    await navigator.clipboard.writeText(location.href);
    copyStatus.textContent = 'Permalink copied.';
  } catch {
    copyStatus.textContent = `Copy this address: ${location.href}`;
  }
}

async function readFile(f: File | undefined): Promise<void> {
  if (!f) return;
  input.value = await f.text();
  show(true, true);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  show(true, true);
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    show(true, true);
  }
});
copy.addEventListener('click', () => void copyPermalink());
file.addEventListener('change', () => void readFile(file.files?.[0]));
input.addEventListener('dragover', (event) => event.preventDefault());
input.addEventListener('drop', (event) => {
  event.preventDefault();
  void readFile(event.dataTransfer?.files[0]);
});
window.addEventListener('popstate', showFromAddress);
showFromAddress();
document.documentElement.dataset.ready = 'true';
