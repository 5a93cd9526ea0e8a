// Reads OAI-PMH ListRecords / GetRecord responses from arXiv in the arXivRaw or arXiv metadata format.

import { parseArxivRef } from '../../core/arxiv-id.js';
import type { Paper } from '../../core/paper.js';
import { attrOf, childOf, createXmlReader, isNode, listOf, textOf, type XmlNode } from '../http/xml-document.js';
import { arxivFormatToPaper } from './arxiv-format.js';
import { arxivRawToPaper } from './arxiv-raw.js';
import { OaiError, OaiParseError } from './errors.js';

export type OaiFormat = 'arXivRaw' | 'arXiv';

export interface OaiRecordHeader {
  identifier: string;
  /** Bare arXiv id from the identifier ("oai:arXiv.org:0704.0471" → "0704.0471"), for deleted records too. */
  arxivId: string | null;
  datestamp: string;
  setSpecs: string[];
  deleted: boolean;
}

export interface OaiRecord {
  header: OaiRecordHeader;
  /** null for deleted records, which carry no metadata. */
  paper: Paper | null;
}

export interface ResumptionToken {
  value: string;
  cursor?: number;
  completeListSize?: number;
}

export interface ListRecordsPage {
  records: OaiRecord[];
  /** null when this was the last page. */
  resumptionToken: ResumptionToken | null;
  /** From the token element, which the last page still carries (empty) with these attributes. */
  cursor: number | null;
  completeListSize: number | null;
  responseDate: string;
}

const read = createXmlReader({ arrayTags: ['record', 'setSpec', 'version', 'author', 'affiliation', 'error'] });

export function parseListRecords(xml: string, format: OaiFormat): ListRecordsPage {
  const { root, responseDate } = readEnvelope(xml);
  const list = root.ListRecords;
  if (list === undefined) throw new OaiParseError('the response has neither <ListRecords> nor <error>');
  const listNode = isNode(list) ? list : {};
  const token = listNode.resumptionToken;
  return {
    records: listOf(listNode.record).map((r) => readRecord(r, format)),
    resumptionToken: readToken(token),
    cursor: integerAttr(token, 'cursor'),
    completeListSize: integerAttr(token, 'completeListSize'),
    responseDate,
  };
}

export function parseGetRecord(xml: string, format: OaiFormat): { record: OaiRecord; responseDate: string } {
  const { root, responseDate } = readEnvelope(xml);
  const record = listOf(childOf(root, 'GetRecord')?.record)[0];
  if (!record) throw new OaiParseError('the response has neither <GetRecord><record> nor <error>');
  return { record: readRecord(record, format), responseDate };
}

function readEnvelope(xml: string): { root: XmlNode; responseDate: string } {
  const result = read(xml);
  if (!result.ok) throw new OaiParseError(result.reason);
  const root = result.doc['OAI-PMH'];
  if (!isNode(root)) {
    const found = Object.keys(result.doc).find((k) => !k.startsWith('?'));
    throw new OaiParseError(`expected an <OAI-PMH> document, got <${found ?? 'nothing'}>`);
  }
  const error = listOf(root.error)[0];
  if (error !== undefined) {
    throw new OaiError({ code: attrOf(error, 'code') ?? 'unknown', detail: (textOf(error) ?? '').trim() });
  }
  return { root, responseDate: (textOf(root.responseDate) ?? '').trim() };
}

function readRecord(node: unknown, format: OaiFormat): OaiRecord {
  const header = childOf(node, 'header');
  const identifier = (textOf(header?.identifier) ?? '').trim();
  if (!header || identifier.length === 0) throw new OaiParseError('a <record> has no <header><identifier>');
  const deleted = attrOf(header, 'status') === 'deleted';
  const recordHeader: OaiRecordHeader = {
    identifier,
    arxivId: parseArxivRef(identifier.replace(/^oai:arXiv\.org:/i, ''))?.id ?? null,
    datestamp: (textOf(header.datestamp) ?? '').trim(),
    setSpecs: listOf(header.setSpec).map((s) => (textOf(s) ?? '').trim()),
    deleted,
  };
  if (deleted) return { header: recordHeader, paper: null };
  const metadata = childOf(node, 'metadata');
  const meta = childOf(metadata, format);
  if (!meta) {
    const got = metadata ? Object.keys(metadata).find((k) => !k.startsWith('#')) : undefined;
    throw new OaiParseError(`record ${identifier} has no <${format}> metadata${got ? ` (got <${got}>)` : ''}`);
  }
  const paper = format === 'arXivRaw' ? arxivRawToPaper(meta, identifier) : arxivFormatToPaper(meta, identifier);
  return { header: recordHeader, paper };
}

function readToken(node: unknown): ResumptionToken | null {
  const value = (textOf(node) ?? '').trim();
  if (value.length === 0) return null;
  const token: ResumptionToken = { value };
  const cursor = integerAttr(node, 'cursor');
  const size = integerAttr(node, 'completeListSize');
  if (cursor !== null) token.cursor = cursor;
  if (size !== null) token.completeListSize = size;
  return token;
}

function integerAttr(node: unknown, name: string): number | null {
  const text = attrOf(node, name)?.trim();
  return text && /^\d+$/.test(text) ? Number(text) : null;
}
