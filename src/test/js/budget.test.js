// The widget's source stays ASCII (issue 14): every non-ASCII character is a \u escape.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const widget = fs.readFileSync(path.join(__dirname, '../../main/resources/web/s.js'));

// The size budget is measured on what the server sends, without comment lines: PagesTest.
test('s_js_stays_ascii', () => {
  const offending = [...widget].findIndex((byte) => byte > 0x7f);
  assert.equal(offending, -1, `a non-ASCII byte at offset ${offending}: write it as a \\u escape`);
});
