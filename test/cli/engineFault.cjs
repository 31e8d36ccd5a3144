// Test-only preload (node -r) for the engine-fault test: makes the real engine throw while it
// scans a file whose text holds the marker, by failing String.prototype.indexOf on that text.
// It lives in the test tree: the shipped CLI has no hook for this.
'use strict';
const MARK = 'KEYWARD-TEST-ENGINE-FAULT';
const indexOf = String.prototype.indexOf;
String.prototype.indexOf = function (search, from) {
  if (typeof this === 'string' || this instanceof String) {
    const s = String(this);
    if (s.length > MARK.length && s.includes(MARK)) throw new RangeError('engine fault injected by the test preload');
  }
  return indexOf.call(this, search, from);
};
