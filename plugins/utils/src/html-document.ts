import { DOMImplementation, type Document, type Node } from '@xmldom/xmldom';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Parse5Node = DefaultTreeAdapterMap['node'];

/**
 * An HTML page as a DOM that XPath can walk: parsed by parse5 as browsers parse HTML (unclosed
 * and mismatched tags repaired, names lower-cased, as lxml.html does for the reference), then
 * copied into an xmldom document without namespaces, so `//title` matches without a prefix.
 */
export function htmlDocument(html: string): Document {
  const document = new DOMImplementation().createDocument(null, '', null);
  const copy = (source: Parse5Node, target: Node) => {
    for (const child of 'childNodes' in source ? source.childNodes : []) {
      if (child.nodeName === '#text') target.appendChild(document.createTextNode((child as DefaultTreeAdapterMap['textNode']).value));
      else if (child.nodeName === '#comment') target.appendChild(document.createComment((child as DefaultTreeAdapterMap['commentNode']).data));
      else if ('tagName' in child) {
        const element = document.createElement(child.tagName);
        for (const attribute of child.attrs) {
          // A name XML cannot hold (`<a @click=...>`) is dropped rather than failing the page.
          try {
            element.setAttribute(attribute.name, attribute.value);
          } catch {
            continue;
          }
        }
        copy(child.tagName === 'template' ? (child as DefaultTreeAdapterMap['template']).content : child, element);
        target.appendChild(element);
      }
    }
  };
  copy(parse(html), document);
  return document;
}
