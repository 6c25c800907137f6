// Turns PDV fragments into DIMSE messages: command fragments are collected (they are small) and decoded,
// dataset fragments are passed straight on. Enforces the ordering rules of PS3.8 9.3.1 / PS3.7 6.3.1.
import { decodeCommand, hasDataset, type Command } from './command.js';
import { AbortReason, ProtocolError } from './pdu-types.js';
import type { PduSink } from './pdu-reader.js';

export interface MessageSink {
  /** The command of a new message; `datasetFollows` says whether dataset fragments come next. */
  onCommand(contextId: number, command: Command, datasetFollows: boolean): void;
  onDatasetData(slice: Buffer): void;
  onDatasetEnd(): void;
  onOtherPdu(type: number, body: Buffer): void;
}

const MAX_COMMAND_LENGTH = 64 * 1024;

export class MessageAssembler implements PduSink {
  private commandParts: Buffer[] = [];
  private commandLength = 0;
  private commandContext = 0;
  private datasetContext = 0;
  private pdvCommand = false;
  private pdvLast = false;

  constructor(private readonly sink: MessageSink) {}

  /** True while a message is partly received, so a release or close now loses it. */
  inMessage(): boolean {
    return this.commandContext !== 0 || this.datasetContext !== 0;
  }

  onPdu(type: number, body: Buffer): void {
    this.sink.onOtherPdu(type, body);
  }

  onPdvStart(contextId: number, command: boolean, last: boolean, length: number): void {
    if (command) {
      if (this.datasetContext !== 0) throw new ProtocolError('command fragment while a dataset is expected', AbortReason.UnexpectedPduParameter);
      if (this.commandContext !== 0 && this.commandContext !== contextId) {
        throw new ProtocolError('command fragments on different presentation contexts', AbortReason.UnexpectedPduParameter);
      }
      if (this.commandLength + length > MAX_COMMAND_LENGTH) throw new ProtocolError('command set too long');
      this.commandContext = contextId;
    } else {
      if (this.datasetContext === 0) throw new ProtocolError('dataset fragment without a command', AbortReason.UnexpectedPduParameter);
      if (contextId !== this.datasetContext) throw new ProtocolError('dataset fragment on another presentation context', AbortReason.UnexpectedPduParameter);
    }
    this.pdvCommand = command;
    this.pdvLast = last;
  }

  onPdvData(slice: Buffer): void {
    if (this.pdvCommand) {
      this.commandParts.push(slice);
      this.commandLength += slice.length;
    } else {
      this.sink.onDatasetData(slice);
    }
  }

  onPdvEnd(): void {
    if (!this.pdvLast) return;
    if (this.pdvCommand) {
      const bytes = this.commandParts.length === 1 ? this.commandParts[0] : Buffer.concat(this.commandParts, this.commandLength);
      const contextId = this.commandContext;
      this.commandParts = [];
      this.commandLength = 0;
      this.commandContext = 0;
      const command = decodeCommand(bytes);
      const follows = hasDataset(command);
      if (follows) this.datasetContext = contextId;
      this.sink.onCommand(contextId, command, follows);
    } else {
      this.datasetContext = 0;
      this.sink.onDatasetEnd();
    }
  }
}
