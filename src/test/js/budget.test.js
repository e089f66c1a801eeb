// The widget's weight budget (issue 14): what every visitor of every site downloads.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const KB = 1024;
const widget = fs.readFileSync(path.join(__dirname, '../../main/resources/web/s.js'));

test('s_js_is_under_45_kb_raw', () => {
  assert.ok(widget.length < 45 * KB, `s.js is ${widget.length} bytes, over the 45 KB budget`);
});

test('s_js_is_under_15_kb_gzipped', () => {
  const gzipped = zlib.gzipSync(widget).length; // the default level, as servers compress on the fly
  assert.ok(gzipped < 15 * KB, `s.js is ${gzipped} bytes gzipped, over the 15 KB budget`);
});

test('s_js_stays_ascii', () => {
  const offending = [...widget].findIndex((byte) => byte > 0x7f);
  assert.equal(offending, -1, `a non-ASCII byte at offset ${offending}: write it as a \\u escape`);
});
