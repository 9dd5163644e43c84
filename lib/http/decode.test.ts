import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetOfContentType, decodeBody, decodeStream, encodingOf, xmlDeclaredEncoding } from './decode.js';

describe('decoding by declaration', () => {
  it('reads the charset of a Content-Type and the encoding of an XML declaration', () => {
    expect(charsetOfContentType('text/csv; charset="ISO-8859-1"')).toBe('iso-8859-1');
    expect(charsetOfContentType('application/json')).toBeUndefined();
    expect(xmlDeclaredEncoding(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><lheo/>'))).toBe('iso-8859-1');
  });

  it('prefers a BOM, then the charset, then the XML declaration, then sniffs UTF-8 / windows-1252', () => {
    expect(encodingOf(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), { contentType: 'text/csv; charset=iso-8859-1' })).toBe('utf-8');
    expect(encodingOf(Buffer.from('abc'), { contentType: 'text/csv; charset=iso-8859-1' })).toBe('windows-1252');
    expect(encodingOf(iconv.encode('Veigné', 'latin1'))).toBe('windows-1252');
    expect(encodingOf(Buffer.from('Veigné'))).toBe('utf-8');
  });

  it.each(['iso-8859-1', 'windows-1252'])('decodes a %s JSON body whole', (charset) => {
    const body = iconv.encode('{"ville":"Veigné","prix":"100 €"}', 'windows-1252');
    expect(JSON.parse(decodeBody(body, { contentType: `application/json; charset=${charset}` }))).toEqual({ ville: 'Veigné', prix: '100 €' });
  });

  it('decodes a stream whose characters are split across chunks', async () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><v>Veigné Châtellerault</v>');
    const chunks = Array.from({ length: bytes.length }, (_, index) => bytes.subarray(index, index + 1));
    let text = '';
    for await (const part of decodeStream(chunks, { xml: true })) text += part;
    expect(text).toBe(bytes.toString('utf8'));
  });
});
