import { PlyError } from '@ply/core';
import { DOMParser, XMLSerializer, type Document, type Node } from '@xmldom/xmldom';
import { z } from 'zod';
import { readBoundedText } from './bounded-file.js';
import { htmlDocument } from './html-document.js';
import { outputOf, readerOptions, readerResults, selectMatches } from './file-output.js';
import { utils } from './module.js';
import { selectXPath } from './xpath-engine.js';

/**
 * Entity declarations are refused outright: an external entity reads local files or the network
 * (XXE), and nested internal ones expand exponentially ("billion laughs"). xmldom resolves
 * neither, but a document that declares them is refused rather than silently half-read.
 */
const ENTITY_DECLARATION = /<!ENTITY/i;

function parseDocument(content: string, sourceType: 'xml' | 'html'): Document {
  if (ENTITY_DECLARATION.test(content)) throw new PlyError('PLY_INVALID_INPUT', 'the document declares entities (<!ENTITY ...>): refused, as external entities and entity expansion are unsafe');
  // HTML is parsed leniently, as browsers and lxml.html do; XML must be well-formed.
  if (sourceType === 'html') return htmlDocument(content);
  const errors: string[] = [];
  const parser = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) });
  let document: Document | undefined;
  try {
    document = parser.parseFromString(content, 'text/xml');
  } catch (error) {
    errors.push((error as Error).message);
  }
  if (errors.length > 0 || !document?.documentElement) throw new PlyError('PLY_INVALID_INPUT', `the XML document cannot be parsed: ${errors[0] ?? 'no root element'}`);
  return document;
}

/** A node as JSON: attributes and text by their value, elements and others as markup. */
function nodeValue(node: Node, serializer: XMLSerializer): string {
  if (node.nodeType === node.ATTRIBUTE_NODE) return node.nodeValue ?? '';
  if (node.nodeType === node.TEXT_NODE || node.nodeType === node.CDATA_SECTION_NODE || node.nodeType === node.COMMENT_NODE) return node.nodeValue ?? '';
  return serializer.serializeToString(node);
}

function evaluate(expression: string, document: Document): unknown[] {
  let value: ReturnType<typeof selectXPath>;
  try {
    value = selectXPath(expression, document);
  } catch (error) {
    throw new PlyError('PLY_INVALID_INPUT', `xpath "${expression}" cannot be evaluated: ${(error as Error).message}`, { cause: error });
  }
  if (Array.isArray(value)) {
    const serializer = new XMLSerializer();
    return value.map((node) => nodeValue(node, serializer));
  }
  return [value];
}

export const readXmlFileAction = utils.action({
  uuid: '1205442a-690e-4520-bc69-cfa153cc2095',
  slug: 'read_xml_file',
  docker_parameters: 'fileutils_readxmlfile',
  name: 'Read XML File',
  description: 'Read the XML file and return its content evaluated against specified xpath',
  arguments: z
    .object({
      file_path: z.string().min(1).optional().describe('File path to the XML or HTML file to read.'),
      file: z.union([z.string(), z.record(z.string(), z.unknown())]).optional().describe('The XML content to read.'),
      xpath: z.string().min(1).optional().describe('XML path to evaluate against read file content'),
      source_type: z.string().optional().describe('Source type of the input, it can be XML or HTML'),
      ...readerOptions,
    })
    .meta({ title: 'Arguments' }),
  results: readerResults,
  async run(ctx, args) {
    const sourceType = (args.source_type ?? 'html').toLowerCase();
    if (sourceType !== 'xml' && sourceType !== 'html') throw new PlyError('PLY_INVALID_INPUT', `source_type "${args.source_type}" is neither XML nor HTML`);
    let content: string;
    if (typeof args.file === 'string') content = args.file;
    else if (args.file !== undefined) throw new PlyError('PLY_INVALID_INPUT', 'file must be the XML or HTML text');
    else if (args.file_path !== undefined) content = await readBoundedText(ctx.files, args.file_path);
    else throw new PlyError('PLY_INVALID_INPUT', 'give file (the XML or HTML text) or file_path (a file in the run data folder)');

    const document = parseDocument(content, sourceType);
    const result = args.xpath === undefined ? content : selectMatches(evaluate(args.xpath, document), args.return_list);
    return outputOf(result, args.to_file, ctx.files);
  },
});
