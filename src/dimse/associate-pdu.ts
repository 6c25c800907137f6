// A-ASSOCIATE-RQ/AC/RJ bodies (the part after the 6-byte PDU header). Unknown items and user-info
// sub-items are skipped rather than refused, because peers add extended negotiation we do not use.
import { APPLICATION_CONTEXT_NAME } from './uids.js';
import { AbortReason, PduType, ProtocolError } from './pdu-types.js';
import { pduHeader } from './pdu-encode.js';

export interface RoleSelection { sopClassUid: string; scu: boolean; scp: boolean }

export interface UserInformation {
  /** 0 means the peer accepts P-DATA-TF PDUs of any length. */
  maxLength: number;
  implementationClassUid?: string;
  implementationVersionName?: string;
  roles: RoleSelection[];
}

export interface ProposedContext { id: number; abstractSyntax: string; transferSyntaxes: string[] }
export interface AnsweredContext { id: number; result: number; transferSyntax: string }

interface AssociateCommon {
  calledAet: string;
  callingAet: string;
  applicationContext: string;
  userInfo: UserInformation;
}
export interface AssociateRq extends AssociateCommon { contexts: ProposedContext[] }
export interface AssociateAc extends AssociateCommon { contexts: AnsweredContext[] }
export interface AssociateRj { result: number; source: number; reason: number }

const FIXED_PART = 68;

function ascii(buf: Buffer, start: number, end: number): string {
  // Peers pad UIDs with NUL and AE titles with spaces; neither is part of the value.
  return buf.toString('latin1', start, end).replace(/[\0 ]+$/, '').replace(/^ +/, '');
}

interface RawItem { type: number; start: number; end: number }

function* items(buf: Buffer, start: number, end: number): Generator<RawItem> {
  let off = start;
  while (off < end) {
    if (off + 4 > end) throw new ProtocolError('truncated item header', AbortReason.InvalidPduParameterValue);
    const type = buf[off];
    const len = buf.readUInt16BE(off + 2);
    const valueEnd = off + 4 + len;
    if (valueEnd > end) throw new ProtocolError(`item 0x${type.toString(16)} overruns its PDU`);
    yield { type, start: off + 4, end: valueEnd };
    off = valueEnd;
  }
}

function parseUserInfo(buf: Buffer, start: number, end: number): UserInformation {
  const info: UserInformation = { maxLength: 0, roles: [] };
  for (const sub of items(buf, start, end)) {
    if (sub.type === 0x51 && sub.end - sub.start >= 4) info.maxLength = buf.readUInt32BE(sub.start);
    else if (sub.type === 0x52) info.implementationClassUid = ascii(buf, sub.start, sub.end);
    else if (sub.type === 0x55) info.implementationVersionName = ascii(buf, sub.start, sub.end);
    else if (sub.type === 0x54 && sub.end - sub.start >= 4) {
      const uidLen = buf.readUInt16BE(sub.start);
      const uidEnd = sub.start + 2 + uidLen;
      if (uidEnd + 2 > sub.end) throw new ProtocolError('bad role selection sub-item');
      info.roles.push({ sopClassUid: ascii(buf, sub.start + 2, uidEnd), scu: buf[uidEnd] === 1, scp: buf[uidEnd + 1] === 1 });
    }
  }
  return info;
}

function parseCommon(body: Buffer, rq: boolean) {
  if (body.length < FIXED_PART) throw new ProtocolError('A-ASSOCIATE PDU too short');
  const common: AssociateCommon = {
    calledAet: ascii(body, 4, 20),
    callingAet: ascii(body, 20, 36),
    applicationContext: '',
    userInfo: { maxLength: 0, roles: [] },
  };
  const proposed: ProposedContext[] = [];
  const answered: AnsweredContext[] = [];
  for (const item of items(body, FIXED_PART, body.length)) {
    if (item.type === 0x10) common.applicationContext = ascii(body, item.start, item.end);
    else if (item.type === 0x50) common.userInfo = parseUserInfo(body, item.start, item.end);
    else if (item.type === (rq ? 0x20 : 0x21)) {
      if (item.end - item.start < 4) throw new ProtocolError('presentation context item too short');
      const id = body[item.start];
      const result = body[item.start + 2];
      let abstractSyntax = '';
      const syntaxes: string[] = [];
      for (const sub of items(body, item.start + 4, item.end)) {
        if (sub.type === 0x30) abstractSyntax = ascii(body, sub.start, sub.end);
        else if (sub.type === 0x40) syntaxes.push(ascii(body, sub.start, sub.end));
      }
      if (rq) proposed.push({ id, abstractSyntax, transferSyntaxes: syntaxes });
      else answered.push({ id, result, transferSyntax: syntaxes[0] ?? '' });
    }
  }
  return { common, proposed, answered };
}

export function parseAssociateRq(body: Buffer): AssociateRq & { protocolVersion: number } {
  const { common, proposed } = parseCommon(body, true);
  return { ...common, contexts: proposed, protocolVersion: body.readUInt16BE(0) };
}

export function parseAssociateAc(body: Buffer): AssociateAc {
  const { common, answered } = parseCommon(body, false);
  return { ...common, contexts: answered };
}

export function parseAssociateRj(body: Buffer): AssociateRj {
  if (body.length < 4) throw new ProtocolError('A-ASSOCIATE-RJ too short');
  return { result: body[1], source: body[2], reason: body[3] };
}

function item(type: number, value: Buffer): Buffer {
  if (value.length > 0xffff) throw new Error(`item 0x${type.toString(16)} too long`);
  const head = Buffer.alloc(4);
  head[0] = type;
  head.writeUInt16BE(value.length, 2);
  return Buffer.concat([head, value]);
}

const text = (s: string) => Buffer.from(s, 'latin1');

function aeField(aet: string): Buffer {
  return Buffer.from(aet.padEnd(16, ' ').slice(0, 16), 'latin1');
}

function userInfoItem(info: UserInformation): Buffer {
  const max = Buffer.alloc(4);
  max.writeUInt32BE(info.maxLength >>> 0);
  const subs = [item(0x51, max)];
  if (info.implementationClassUid) subs.push(item(0x52, text(info.implementationClassUid)));
  for (const role of info.roles) {
    const uid = text(role.sopClassUid);
    const value = Buffer.alloc(4 + uid.length);
    value.writeUInt16BE(uid.length, 0);
    uid.copy(value, 2);
    value[2 + uid.length] = role.scu ? 1 : 0;
    value[3 + uid.length] = role.scp ? 1 : 0;
    subs.push(item(0x54, value));
  }
  if (info.implementationVersionName) subs.push(item(0x55, text(info.implementationVersionName.slice(0, 16))));
  return item(0x50, Buffer.concat(subs));
}

function encodeAssociate(type: number, a: AssociateCommon, contextItems: Buffer[]): Buffer {
  const fixed = Buffer.alloc(FIXED_PART);
  fixed.writeUInt16BE(1, 0);
  aeField(a.calledAet).copy(fixed, 4);
  aeField(a.callingAet).copy(fixed, 20);
  const body = Buffer.concat([
    fixed,
    item(0x10, text(a.applicationContext || APPLICATION_CONTEXT_NAME)),
    ...contextItems,
    userInfoItem(a.userInfo),
  ]);
  return Buffer.concat([pduHeader(type, body.length), body]);
}

export function encodeAssociateRq(rq: AssociateRq): Buffer {
  const contexts = rq.contexts.map((c) =>
    item(0x20, Buffer.concat([
      Buffer.from([c.id, 0, 0, 0]),
      item(0x30, text(c.abstractSyntax)),
      ...c.transferSyntaxes.map((ts) => item(0x40, text(ts))),
    ])),
  );
  return encodeAssociate(PduType.AssociateRq, rq, contexts);
}

export function encodeAssociateAc(ac: AssociateAc): Buffer {
  const contexts = ac.contexts.map((c) =>
    // A rejected context still carries a transfer syntax sub-item; its value is not significant.
    item(0x21, Buffer.concat([Buffer.from([c.id, 0, c.result, 0]), item(0x40, text(c.transferSyntax))])),
  );
  return encodeAssociate(PduType.AssociateAc, ac, contexts);
}

export function encodeAssociateRj(rj: AssociateRj): Buffer {
  return Buffer.concat([pduHeader(PduType.AssociateRj, 4), Buffer.from([0, rj.result, rj.source, rj.reason])]);
}
