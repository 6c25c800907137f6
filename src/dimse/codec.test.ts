import { describe, expect, it } from 'vitest';
import { encodeAssociateAc, encodeAssociateRq, parseAssociateAc, parseAssociateRq } from './associate-pdu.js';
import { CommandField, decodeCommand, encodeCommand, NO_DATASET } from './command.js';
import { decodeIdentifier, encodeIdentifier } from './identifier.js';
import { pDataHeader } from './pdu-encode.js';
import { PduReader } from './pdu-reader.js';
import { ProtocolError } from './pdu-types.js';
import { SopClass, TransferSyntax } from './uids.js';

describe('A-ASSOCIATE codec', () => {
  it('round-trips a request and skips sub-items it does not use', () => {
    const pdu = encodeAssociateRq({
      calledAet: 'FIONA', callingAet: 'MODALITY', applicationContext: '1.2.840.10008.3.1.1.1',
      contexts: [{ id: 1, abstractSyntax: SopClass.CtImageStorage, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian] }],
      userInfo: { maxLength: 16384, implementationClassUid: '1.2.3', implementationVersionName: 'X', roles: [{ sopClassUid: SopClass.CtImageStorage, scu: true, scp: true }] },
    });
    // Append async window (0x53), SOP class extended (0x56) and user identity (0x58) sub-items to the user info item.
    const extra = Buffer.from([0x53, 0, 0, 4, 0, 1, 0, 1, 0x56, 0, 0, 2, 0, 0, 0x58, 0, 0, 6, 1, 0, 0, 2, 0x41, 0x42]);
    const body = Buffer.concat([pdu.subarray(6), extra]);
    const userInfoAt = body.lastIndexOf(Buffer.from([0x50, 0]));
    body.writeUInt16BE(body.readUInt16BE(userInfoAt + 2) + extra.length, userInfoAt + 2);
    const rq = parseAssociateRq(body);
    expect(rq.calledAet).toBe('FIONA');
    expect(rq.callingAet).toBe('MODALITY');
    expect(rq.contexts).toEqual([{ id: 1, abstractSyntax: SopClass.CtImageStorage, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian] }]);
    expect(rq.userInfo).toEqual({ maxLength: 16384, implementationClassUid: '1.2.3', implementationVersionName: 'X', roles: [{ sopClassUid: SopClass.CtImageStorage, scu: true, scp: true }] });
  });

  it('round-trips an accept', () => {
    const pdu = encodeAssociateAc({
      calledAet: 'FIONA', callingAet: 'M', applicationContext: '1.2.840.10008.3.1.1.1',
      contexts: [{ id: 1, result: 0, transferSyntax: TransferSyntax.ExplicitVRLittleEndian }, { id: 3, result: 4, transferSyntax: '' }],
      userInfo: { maxLength: 0, roles: [] },
    });
    const ac = parseAssociateAc(pdu.subarray(6));
    expect(ac.contexts).toEqual([{ id: 1, result: 0, transferSyntax: TransferSyntax.ExplicitVRLittleEndian }, { id: 3, result: 4, transferSyntax: '' }]);
    expect(ac.userInfo.maxLength).toBe(0);
  });

  it('refuses an item that overruns its PDU', () => {
    const pdu = encodeAssociateRq({ calledAet: 'A', callingAet: 'B', applicationContext: '', contexts: [], userInfo: { maxLength: 0, roles: [] } });
    const body = Buffer.from(pdu.subarray(6));
    body.writeUInt16BE(0xfff0, 68 + 2);
    expect(() => parseAssociateRq(body)).toThrow(ProtocolError);
  });
});

describe('command sets', () => {
  it('round-trips with an even-padded UID and CommandGroupLength first', () => {
    const bytes = encodeCommand({ commandField: CommandField.CStoreRq, commandDataSetType: 0, messageId: 7, priority: 0, affectedSopClassUid: '1.2.3', affectedSopInstanceUid: '1.2.34', moveOriginatorAet: 'MOVER', moveOriginatorMessageId: 3 });
    expect(bytes.readUInt32LE(0)).toBe(0);
    expect(bytes.readUInt32LE(8)).toBe(bytes.length - 12);
    expect(decodeCommand(bytes)).toEqual({ commandField: 1, commandDataSetType: 0, messageId: 7, priority: 0, affectedSopClassUid: '1.2.3', affectedSopInstanceUid: '1.2.34', moveOriginatorAet: 'MOVER', moveOriginatorMessageId: 3 });
  });

  it('reads the command up to its group length and leaves what a peer appended after it (Orthanc\'s failed C-GET)', () => {
    const command = encodeCommand({ commandField: CommandField.CGetRsp, commandDataSetType: NO_DATASET, messageIdBeingRespondedTo: 1, status: 0xb000, failedSubOperations: 1 });
    const appended = Buffer.from('08000000040000000e000000080058000600000031 2e322e3300'.replace(/ /g, ''), 'hex'); // (0008,0000) and (0008,0058) "1.2.3"
    expect(decodeCommand(Buffer.concat([command, appended]))).toEqual(decodeCommand(command));
    // Without a group length to go by, a foreign group is still refused.
    expect(() => decodeCommand(Buffer.concat([command.subarray(12), appended]))).toThrow(/command set holds group 8/);
  });

    it('keeps the error comment and status of a response', () => {
    const rsp = decodeCommand(encodeCommand({ commandField: CommandField.CStoreRsp, commandDataSetType: NO_DATASET, status: 0xa700, errorComment: 'Out of resources', messageIdBeingRespondedTo: 1 }));
    expect(rsp.status).toBe(0xa700);
    expect(rsp.errorComment).toBe('Out of resources');
  });
});

describe('PDU reader', () => {
  function collect(bytes: Buffer, chunkSize: number, maxPData = 1 << 20) {
    const events: string[] = [];
    let data = Buffer.alloc(0);
    const errors: ProtocolError[] = [];
    const reader = new PduReader(
      {
        onPdu: (type, body) => events.push(`pdu ${type} ${body.length}`),
        onPdvStart: (ctx, command, last, length) => events.push(`pdv ${ctx} ${command ? 'cmd' : 'data'} ${last ? 'last' : 'more'} ${length}`),
        onPdvData: (slice) => (data = Buffer.concat([data, slice])),
        onPdvEnd: () => events.push('end'),
      },
      { maxPDataLength: maxPData, maxOtherLength: 4096 },
      (err) => errors.push(err),
    );
    for (let i = 0; i < bytes.length; i += chunkSize) reader.push(bytes.subarray(i, i + chunkSize));
    return { events, data, errors };
  }

  const payloadA = Buffer.from('command-bytes!');
  const payloadB = Buffer.alloc(1000, 9);
  // One P-DATA-TF with two PDVs, then a second with one, then a release request.
  const twoPdvs = Buffer.concat([pDataHeader(1, true, true, payloadA.length).subarray(6), payloadA, pDataHeader(1, false, false, 10).subarray(6), payloadB.subarray(0, 10)]);
  const stream = Buffer.concat([
    Buffer.from([4, 0, 0, 0, 0, 0]), twoPdvs,
    pDataHeader(1, false, true, 990), payloadB.subarray(10),
    Buffer.from([5, 0, 0, 0, 0, 4, 0, 0, 0, 0]),
  ]);
  stream.writeUInt32BE(twoPdvs.length, 2);

  it.each([1, 3, 7, 64, 100_000])('gives the same fragments fed %i bytes at a time', (size) => {
    const { events, data, errors } = collect(stream, size);
    expect(errors).toEqual([]);
    expect(events.filter((e) => !e.startsWith('end'))).toEqual(['pdv 1 cmd last 14', 'pdv 1 data more 10', 'pdv 1 data last 990', 'pdu 5 4']);
    expect(data.equals(Buffer.concat([payloadA, payloadB]))).toBe(true);
  });

  it('reports oversized, unknown and inconsistent PDUs', () => {
    expect(collect(Buffer.from([4, 0, 0, 1, 0, 0]), 6, 1024).errors[0].message).toMatch(/exceeds/);
    expect(collect(Buffer.from([9, 0, 0, 0, 0, 0]), 6).errors[0].abortReason).toBe(1);
    expect(collect(Buffer.from([4, 0, 0, 0, 0, 8, 0, 0, 0, 9, 1, 3, 0, 0]), 14).errors[0].message).toMatch(/does not fit/);
  });
});

describe('C-FIND identifiers', () => {
  const elements = [
    { tag: 0x00100010, vr: 'PN', value: 'DOE^J*' },
    { tag: 0x00080052, vr: 'CS', value: 'STUDY' },
    { tag: 0x0020000d, vr: 'UI', value: '1.2.3' },
    { tag: 0x00080020, vr: 'DA', value: '' },
  ];
  it.each([true, false])('round-trips (explicit=%s), sorted by tag', (explicit) => {
    const decoded = decodeIdentifier(encodeIdentifier(elements, explicit), explicit);
    expect(decoded).toEqual([...elements].sort((a, b) => a.tag - b.tag));
  });

  it('skips an undefined-length sequence', () => {
    const seq = Buffer.from([0x08, 0x00, 0x15, 0x11, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
    const bytes = Buffer.concat([encodeIdentifier(elements.slice(1, 2), true), seq, encodeIdentifier(elements.slice(0, 1), true)]);
    expect(decodeIdentifier(bytes, true).map((e) => e.value)).toEqual(['STUDY', 'DOE^J*']);
  });
});
