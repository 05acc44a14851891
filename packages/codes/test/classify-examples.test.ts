/**
 * The reviewed rules are tested by their own data: every pattern and
 * override in registry-sources/classification.json that lists `examples`
 * classifies each example as the rule says (its reason, and the rule itself
 * or an earlier rule of the same reason), and every rule added for issue 10
 * names its `source`. The examples are the reviewers' own short texts, never
 * copies of bounces.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import { foldText, normalizeText } from '../src/classify/matcher.js';
import type { ClassificationRules, OverrideRule, TextPattern } from '../src/classify/vocabulary.js';

const rules = JSON.parse(readFileSync(resolve(__dirname, '../../../registry-sources/classification.json'), 'utf8')) as ClassificationRules;
const withExamples = [...rules.overrides, ...rules.patterns].filter(
  (r): r is (TextPattern | OverrideRule) & { examples: readonly string[] } => r.examples !== undefined,
);

describe('every rule classifies its own examples as it says', () => {
  it('has examples to check (provider tables, phrase families, languages)', () => {
    expect(withExamples.length).toBeGreaterThanOrEqual(40);
  });
  for (const rule of withExamples) {
    it.each(rule.examples)(`${rule.id}: %s`, (example) => {
      const c = classify(example);
      expect(c.reason, `${example} -> ${c.matchedRule}`).toBe(rule.reason);
    });
  }
});

describe('the languages of the multilingual rules', () => {
  const i18n = rules.patterns.filter((p) => p.id.startsWith('i18n-'));
  it('cover the most frequent reasons', () => {
    expect(i18n.map((p) => p.reason).sort()).toEqual([
      'bad-domain',
      'blocked',
      'expired',
      'mailbox-disabled',
      'mailbox-full',
      'rate-limited',
      'spam-content',
      'unknown-recipient',
    ]);
  });
  it.each([
    ['German', 'Empfänger unbekannt', 'unknown-recipient'],
    ['French', 'Boîte aux lettres pleine', 'mailbox-full'],
    ['Spanish', 'Usuario desconocido', 'unknown-recipient'],
    ['Italian', 'Casella piena', 'mailbox-full'],
    ['Portuguese', 'Conta desativada', 'mailbox-disabled'],
    ['Dutch', 'Onbekende gebruiker', 'unknown-recipient'],
    ['Polish', 'Skrzynka jest pełna', 'mailbox-full'],
    ['Russian', 'Почтовый ящик переполнен', 'mailbox-full'],
    ['Japanese', '宛先不明のため配信できませんでした', 'unknown-recipient'],
    ['Chinese', '收件人不存在', 'unknown-recipient'],
    ['Korean', '존재하지 않는 사용자입니다', 'unknown-recipient'],
    ['Greek', 'Άγνωστος χρήστης', 'unknown-recipient'],
  ])('%s: %s', (_language, text, reason) => {
    expect(classify(`550 ${text}`).reason).toBe(reason);
  });
});

describe('Unicode in the matcher', () => {
  it('folds NFKC compatibility forms and case, Greek final sigma and German sharp s', () => {
    expect(foldText('ＵＳＥＲ　ＵＮＫＮＯＷＮ')).toBe('user　unknown'.replace('　', ' ').normalize('NFKC'));
    expect(classify('550 ＵＳＥＲ ＵＮＫＮＯＷＮ').reason).toBe('unknown-recipient');
    expect(foldText('ΧΡΗΣΤΗΣ')).toBe('χρηστησ');
    expect(foldText('Straße')).toBe('strasse');
  });
  it('ends an address at a CJK character: no spaces around it in Chinese or Japanese', () => {
    expect(normalizeText('用户test@qq.com不存在')).toBe('用户@不存在');
    expect(classify('550 bob@example.com收件人不存在').reason).toBe('unknown-recipient');
    expect(classify('550 用户不存在:bob@example.com').reason).toBe('unknown-recipient');
  });
  it('ends an address at "<": "unknown user<bob@example.com>" keeps its words', () => {
    expect(classify('550 unknown user<bob@example.com>').reason).toBe('unknown-recipient');
  });
  it('needs two CJK characters at least in a rule (no word boundaries to lean on)', () => {
    for (const p of rules.patterns)
      for (const s of p.contains ?? [])
        if (/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(s)) expect([...s].length, `${p.id}: ${s}`).toBeGreaterThanOrEqual(2);
  });
});

describe('sources', () => {
  it('every rule with examples says where it comes from (a provider page, an RFC or a shared sample)', () => {
    for (const r of withExamples) expect(r.source, r.id).toBeDefined();
  });
});
