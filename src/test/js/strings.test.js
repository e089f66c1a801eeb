// The widget's one string table: every language has every string, with the same {holes}.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { STRINGS, pickLocale } = require('../../main/resources/web/s.js');

const holes = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the_four_languages_are_built_in', () => {
  assert.deepEqual(Object.keys(STRINGS).sort(), ['de', 'en', 'es', 'fr']);
});

for (const [language, table] of Object.entries(STRINGS)) {
  test(`${language}_has_exactly_the_english_keys`, () => {
    const missing = Object.keys(STRINGS.en).filter((key) => !(key in table));
    const extra = Object.keys(table).filter((key) => !(key in STRINGS.en));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `strings of '${language}'`);
  });

  test(`${language}_strings_are_text_with_the_english_holes`, () => {
    for (const [key, text] of Object.entries(table)) {
      assert.equal(typeof text, 'string', `${language}.${key}`);
      assert.ok(text.trim().length > 0, `${language}.${key} is empty`);
      assert.deepEqual(holes(text), holes(STRINGS.en[key] ?? ''), `${language}.${key} placeholders`);
    }
  });
}

test('a_translation_differs_from_english_where_the_words_differ', () => {
  for (const language of ['de', 'fr', 'es']) {
    assert.notEqual(STRINGS[language].send, STRINGS.en.send, language);
    assert.notEqual(STRINGS[language].placeholder, STRINGS.en.placeholder, language);
  }
});

test('the_locale_is_the_first_wanted_language_with_a_table', () => {
  assert.equal(pickLocale(['de-DE', 'en-US']), 'de');
  assert.equal(pickLocale(['FR']), 'fr');
  assert.equal(pickLocale(['pt-BR', 'es-MX']), 'es');
  assert.equal(pickLocale(['ja-JP']), 'en');
  assert.equal(pickLocale([]), 'en');
});
