import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { DirectoryFileStore } from '@ply/core';
import { readBoundedText } from '../src/bounded-file.js';
import { utilsPly } from './utils-harness.js';

const alert = { alert: { uuid: 'a1', entities: [{ name: 'SOC' }, { name: 'CERT' }], events: [{ source: { ip: '10.0.0.1' } }] } };

describe('read_json_file through the executor', () => {
  it('returns the content, one match alone, several as a list, or always a list with return_list', async () => {
    const { run } = utilsPly();
    expect(await run('read_json_file', { file: alert })).toEqual({ output: alert });
    expect(await run('read_json_file', { file: alert, jsonpath: '$.alert.uuid' })).toEqual({ output: 'a1' });
    expect(await run('read_json_file', { file: alert, jsonpath: '$.alert.entities[*].name' })).toEqual({ output: ['SOC', 'CERT'] });
    expect(await run('read_json_file', { file: alert, jsonpath: '$.alert.uuid', return_list: true })).toEqual({ output: ['a1'] });
    expect(await run('read_json_file', { file: alert, jsonpath: "$.alert.entities[?(@.name == 'CERT')].name" })).toEqual({ output: 'CERT' });
    expect(await run('read_json_file', { file: alert, jsonpath: '$.nothing' })).toEqual({ output: null });
  });

  it('reads file_path from the run data folder and writes the output to a file with to_file', async () => {
    const { run, writeFile, dataDir } = utilsPly();
    const path = writeFile('alert.json', JSON.stringify(alert));
    const results = await run('read_json_file', { file_path: path, jsonpath: '$..ip', to_file: true });
    expect(results['output']).toBeUndefined();
    expect(results['output_path']).toMatch(/^output-[0-9a-f-]{36}\.json$/);
    expect(readFileSync(join(dataDir, results['output_path'] as string), 'utf8')).toBe('10.0.0.1');
  });

  it('refuses a file that is not JSON, a missing file, a path outside the data folder, and no input', async () => {
    const { ply, request, writeFile } = utilsPly();
    const notJson = await plyErrorOf(ply.run(request('read_json_file', { file_path: writeFile('bad.json', '{"a": ') })));
    expect(notJson.code).toBe('PLY_INVALID_INPUT');
    expect(notJson.message).toContain('is not valid JSON');
    expect((await plyErrorOf(ply.run(request('read_json_file', { file_path: 'missing.json' })))).code).toBe('PLY_FILE_REFERENCE_INVALID');
    expect((await plyErrorOf(ply.run(request('read_json_file', { file_path: '../../etc/passwd' })))).message).toContain('escapes');
    expect((await plyErrorOf(ply.run(request('read_json_file', { jsonpath: '$' })))).message).toContain('give file');
  });

  it('refuses a file larger than the bound before reading it', async () => {
    const { writeFile, dataDir } = utilsPly();
    writeFile('big.json', JSON.stringify({ data: 'x'.repeat(2000) }));
    const error = await plyErrorOf(readBoundedText(new DirectoryFileStore(dataDir), 'big.json', 1000));
    expect(error.code).toBe('PLY_INVALID_INPUT');
    expect(error.message).toContain('more than the 1000 bytes');
  });
});

const feed = `<?xml version="1.0"?>
<feed xmlns:x="urn:x"><entry id="1"><title>First</title><x:score>7</x:score></entry><entry id="2"><title>Second &amp; last</title></entry></feed>`;

describe('read_xml_file through the executor', () => {
  it('evaluates XPath 1.0 over XML: text, attributes, elements, numbers and booleans', async () => {
    const { run } = utilsPly();
    expect(await run('read_xml_file', { file: feed, source_type: 'XML', xpath: '//entry/title/text()' })).toEqual({ output: ['First', 'Second & last'] });
    expect(await run('read_xml_file', { file: feed, source_type: 'xml', xpath: '//entry[2]/@id' })).toEqual({ output: '2' });
    expect(await run('read_xml_file', { file: feed, source_type: 'xml', xpath: '//entry[1]/title' })).toEqual({ output: '<title>First</title>' });
    expect(await run('read_xml_file', { file: feed, source_type: 'xml', xpath: 'count(//entry)' })).toEqual({ output: 2 });
    expect(await run('read_xml_file', { file: feed, source_type: 'xml', xpath: 'boolean(//entry[@id="3"])', return_list: true })).toEqual({ output: [false] });
  });

  it('reads HTML by default, leniently (unclosed and mismatched tags), names lower-cased', async () => {
    const { run, writeFile } = utilsPly();
    const page = writeFile('page.html', '<html><head><TITLE>Alert page</TITLE></head><body><a href="https://x.example/1">one</a><a href="https://x.example/2">two<br></body></html>');
    expect(await run('read_xml_file', { file_path: page, xpath: '//title/text()' })).toEqual({ output: 'Alert page' });
    expect(await run('read_xml_file', { file_path: page, xpath: '//a/@href' })).toEqual({ output: ['https://x.example/1', 'https://x.example/2'] });
  });

  it('refuses external entities and entity expansion bombs', async () => {
    const { ply, request } = utilsPly();
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>';
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>';
    for (const file of [xxe, bomb]) {
      const error = await plyErrorOf(ply.run(request('read_xml_file', { file, source_type: 'xml', xpath: '/*' })));
      expect(error.code).toBe('PLY_INVALID_INPUT');
      expect(error.message).toContain('declares entities');
      expect(error.message).not.toContain('root:');
    }
  });

  it('refuses malformed XML, a bad XPath and an unknown source type, naming the fault', async () => {
    const { ply, request } = utilsPly();
    expect((await plyErrorOf(ply.run(request('read_xml_file', { file: '<a><b></a>', source_type: 'xml', xpath: '/a' })))).message).toContain('XML document cannot be parsed');
    expect((await plyErrorOf(ply.run(request('read_xml_file', { file: feed, source_type: 'xml', xpath: '//entry[' })))).message).toContain('xpath "//entry[" cannot be evaluated');
    expect((await plyErrorOf(ply.run(request('read_xml_file', { file: feed, source_type: 'json' })))).message).toContain('neither XML nor HTML');
  });
});
