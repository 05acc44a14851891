import { describe, expect, it } from 'vitest';
import { quotedPrintableToBinary } from '../src/mime/decode.js';
import { base64ToBinary, decodeEncodedWords, parseContentType } from '../src/mime/headers.js';
import { decodeAddressValue, decodeUnitext, decodeXtext } from '../src/dsn/address.js';

describe('MIME pieces', () => {
  it('quoted-printable: =XX, soft line breaks, invalid "=" kept and counted', () => {
    const counter = { invalid: 0 };
    expect(quotedPrintableToBinary('a=3Db=\nc= \nd=ZZe=4', counter)).toBe('a=bcd=ZZe=4');
    expect(counter.invalid).toBe(2);
  });

  it('base64: skips white space, counts characters outside the alphabet', () => {
    const counter = { invalid: 0 };
    expect(base64ToBinary('aGVs\nbG8=', counter)).toBe('hello');
    expect(base64ToBinary('aGV*sbG8', counter)).toBe('hello');
    expect(counter.invalid).toBe(1);
  });

  it('RFC 2047 encoded words, adjacent words joined, unknown charsets left alone', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Caf=C3=A9?= =?UTF-8?B?IGJhcg==?= end')).toBe('Café bar end');
    expect(decodeEncodedWords('=?x-unknown?Q?abc?=')).toBe('=?x-unknown?Q?abc?=');
  });

  it('Content-Type parameters: quoted, folded, RFC 2231 continuations', () => {
    expect(parseContentType('multipart/report; report-type=delivery-status;\n\tboundary="a;b"')).toEqual({
      mediaType: 'multipart/report',
      params: { 'report-type': 'delivery-status', boundary: 'a;b' },
    });
    expect(parseContentType("text/plain; title*0*=utf-8''caf%C3%A9; title*1=' bar'").params.title).toBe("café' bar'");
    expect(parseContentType(undefined).mediaType).toBe('text/plain');
  });

  it('DSN address types: xtext, unitext, angle brackets, comments', () => {
    expect(decodeXtext('a+2Bb+3Dc+20d')).toBe('a+b=c d');
    expect(decodeXtext('user+ab')).toBe('user+ab');
    expect(decodeUnitext('j\\x{F6}rg')).toBe('jörg');
    expect(decodeAddressValue('rfc822; <bob@example.com> (Bob)')).toBe('bob@example.com');
    expect(decodeAddressValue('utf-8; \\x{3042}@example.jp')).toBe('あ@example.jp');
    expect(decodeAddressValue('rfc822;')).toBeUndefined();
  });
});
