/**
 * The PartiQL subset DynamoDB documents (SELECT, INSERT, UPDATE, DELETE over one table or index), parsed into
 * the expression engine's AST so conditions evaluate exactly like condition and filter expressions.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.statements.html
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import type { Comparator, Condition, Operand, PathElement, PathNode, UpdateAction, ValueNode } from '../expressions/ast.js';
import { parseBooleanCondition } from '../expressions/boolean-grammar.js';
import { validation } from '../validation/errors.js';
import { checkValue, setAttr } from '../values/attribute-value.js';
import { normaliseNumber } from '../values/numbers.js';

type Kind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'eof';
interface Tok {
  kind: Kind;
  text: string;
}

export type Statement =
  | { type: 'select'; table: string; index: string | undefined; projection: PathNode[] | undefined; where: Condition | undefined }
  | { type: 'insert'; table: string; item: Record<string, AttributeValue> }
  | { type: 'update'; table: string; actions: UpdateAction[]; where: Condition | undefined }
  | { type: 'delete'; table: string; where: Condition | undefined };

const PUNCT = ['<<', '>>', '<>', '!=', '<=', '>=', '=', '<', '>', '(', ')', '[', ']', '{', '}', ',', '.', ':', '*', '+', '-'];

function malformed(detail: string): Error {
  return validation(`Statement wasn't well formed, can't be processed: ${detail}`);
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= src.length) throw malformed('Unterminated literal');
        if (src.charAt(j) === c) {
          if (src.charAt(j + 1) === c) {
            text += c;
            j += 2;
            continue;
          }
          break;
        }
        text += src.charAt(j++);
      }
      out.push({ kind: c === "'" ? 'string' : 'quoted', text });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (c === '?') {
      out.push({ kind: 'param', text: '?' });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else {
      const p = PUNCT.find((x) => src.startsWith(x, i));
      if (!p) throw malformed(`Unexpected character: ${c}`);
      out.push({ kind: 'punct', text: p });
      i += p.length;
    }
  }
  out.push({ kind: 'eof', text: '' });
  return out;
}

class PartiqlParser {
  private pos = 0;
  private readonly toks: Tok[];
  private param = 0;

  constructor(
    src: string,
    private readonly params: AttributeValue[],
  ) {
    this.toks = tokenize(src);
  }

  private peek(o = 0): Tok {
    return this.toks[Math.min(this.pos + o, this.toks.length - 1)] as Tok;
  }
  private next(): Tok {
    const t = this.peek();
    this.pos++;
    return t;
  }
  private isWord(w: string, o = 0): boolean {
    const t = this.peek(o);
    return t.kind === 'word' && t.text.toUpperCase() === w;
  }
  private isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === p;
  }
  private word(w: string): void {
    if (!this.isWord(w)) throw malformed(`Expected ${w}`);
    this.next();
  }
  private punct(p: string): void {
    if (!this.isPunct(p)) throw malformed(`Expected ${p}`);
    this.next();
  }

  private name(): string {
    const t = this.next();
    if (t.kind === 'quoted' || t.kind === 'word') return t.text;
    throw malformed('Expected an identifier');
  }

  private path(): PathNode {
    const elements: PathElement[] = [{ kind: 'name', name: this.name() }];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        elements.push({ kind: 'name', name: this.name() });
      } else if (this.isPunct('[')) {
        this.next();
        const t = this.next();
        if (t.kind === 'number') elements.push({ kind: 'index', index: Number(t.text) });
        else if (t.kind === 'string') elements.push({ kind: 'name', name: t.text });
        else throw malformed('Expected an index');
        this.punct(']');
      } else return { type: 'path', elements };
    }
  }

  value(): AttributeValue {
    const t = this.peek();
    if (t.kind === 'param') {
      this.next();
      const v = this.params[this.param++];
      if (v === undefined) throw validation("Number of parameters in request and statement don't match.");
      return checkValue(v);
    }
    if (t.kind === 'string') return { S: this.next().text };
    if (t.kind === 'number') return { N: normaliseNumber(this.next().text) };
    if (this.isPunct('-') && this.peek(1).kind === 'number') {
      this.next();
      return { N: normaliseNumber(`-${this.next().text}`) };
    }
    if (this.isWord('TRUE') || this.isWord('FALSE')) return { BOOL: this.next().text.toUpperCase() === 'TRUE' };
    if (this.isWord('NULL')) {
      this.next();
      return { NULL: true };
    }
    if (this.isPunct('[')) {
      this.next();
      const list: AttributeValue[] = [];
      while (!this.isPunct(']')) {
        list.push(this.value());
        if (!this.isPunct(']')) this.punct(',');
      }
      this.next();
      return { L: list };
    }
    if (this.isPunct('{')) {
      this.next();
      const map: Record<string, AttributeValue> = {};
      while (!this.isPunct('}')) {
        const k = this.next();
        if (k.kind !== 'string' && k.kind !== 'quoted') throw malformed('Expected a map key');
        this.punct(':');
        setAttr(map, k.text, this.value());
        if (!this.isPunct('}')) this.punct(',');
      }
      this.next();
      return { M: map };
    }
    if (this.isPunct('<<')) {
      this.next();
      const members: AttributeValue[] = [];
      while (!this.isPunct('>>')) {
        members.push(this.value());
        if (!this.isPunct('>>')) this.punct(',');
      }
      this.next();
      if (members.every((m) => m.S !== undefined)) return checkValue({ SS: members.map((m) => m.S as string) });
      if (members.every((m) => m.N !== undefined)) return checkValue({ NS: members.map((m) => m.N as string) });
      if (members.every((m) => m.B !== undefined)) return checkValue({ BS: members.map((m) => m.B as Uint8Array) });
      throw malformed('Set members must share one type');
    }
    throw malformed(`Unexpected token: ${t.text || 'end of statement'}`);
  }

  private operand(): Operand {
    const t = this.peek();
    if (t.kind === 'word' && this.peek(1).kind === 'punct' && this.peek(1).text === '(' && t.text.toLowerCase() === 'size') {
      this.next();
      this.punct('(');
      const p = this.path();
      this.punct(')');
      return { type: 'call', name: 'size', args: [p] };
    }
    if ((t.kind === 'word' && !['TRUE', 'FALSE', 'NULL'].includes(t.text.toUpperCase())) || t.kind === 'quoted') return this.path();
    const node: ValueNode = { type: 'value', ref: '?', value: this.value() };
    return node;
  }

  condition(): Condition {
    return parseBooleanCondition(
      (word) => {
        if (!this.isWord(word)) return false;
        this.next();
        return true;
      },
      () => this.predicate(),
    );
  }
  private predicate(): Condition {
    if (this.isPunct('(')) {
      this.next();
      const c = this.condition();
      this.punct(')');
      return c;
    }
    const t = this.peek();
    const fn = t.text.toLowerCase();
    if (t.kind === 'word' && ['begins_with', 'contains', 'attribute_type', 'exists'].includes(fn) && this.peek(1).text === '(') {
      this.next();
      this.punct('(');
      const args: Operand[] = [this.path()];
      if (fn !== 'exists') {
        this.punct(',');
        args.push(this.operand());
      }
      this.punct(')');
      return { type: 'call', name: fn === 'exists' ? 'attribute_exists' : fn, args };
    }
    const left = this.operand();
    const op = this.peek();
    if (op.kind === 'punct' && ['=', '<>', '!=', '<', '<=', '>', '>='].includes(op.text)) {
      this.next();
      return { type: 'compare', op: (op.text === '!=' ? '<>' : op.text) as Comparator, left, right: this.operand() };
    }
    if (this.isWord('BETWEEN')) {
      this.next();
      const low = this.operand();
      this.word('AND');
      return { type: 'between', operand: left, low, high: this.operand() };
    }
    if (this.isWord('IN')) {
      this.next();
      const close = this.isPunct('[') ? ']' : ')';
      this.next();
      const list: Operand[] = [];
      while (!this.isPunct(close)) {
        list.push(this.operand());
        if (!this.isPunct(close)) this.punct(',');
      }
      this.next();
      return { type: 'in', operand: left, list };
    }
    if (this.isWord('IS')) {
      this.next();
      const negated = this.isWord('NOT');
      if (negated) this.next();
      this.word('MISSING');
      return { type: 'call', name: negated ? 'attribute_exists' : 'attribute_not_exists', args: [left] };
    }
    throw malformed(`Unexpected token: ${op.text || 'end of statement'}`);
  }

  private where(): Condition | undefined {
    if (!this.isWord('WHERE')) return undefined;
    this.next();
    return this.condition();
  }

  statement(): Statement {
    let st: Statement;
    if (this.isWord('SELECT')) {
      this.next();
      let projection: PathNode[] | undefined;
      if (this.isPunct('*')) this.next();
      else {
        projection = [this.path()];
        while (this.isPunct(',')) {
          this.next();
          projection.push(this.path());
        }
      }
      this.word('FROM');
      const table = this.name();
      let index: string | undefined;
      if (this.isPunct('.')) {
        this.next();
        index = this.name();
      }
      st = { type: 'select', table, index, projection, where: this.where() };
    } else if (this.isWord('INSERT')) {
      this.next();
      this.word('INTO');
      const table = this.name();
      this.word('VALUE');
      const v = this.value();
      if (v.M === undefined) throw malformed('INSERT needs a map of attributes');
      st = { type: 'insert', table, item: v.M };
    } else if (this.isWord('UPDATE')) {
      this.next();
      const table = this.name();
      const actions: UpdateAction[] = [];
      while (this.isWord('SET') || this.isWord('REMOVE')) {
        const clause = this.next().text.toUpperCase();
        do {
          if (this.isPunct(',')) this.next();
          const path = this.path();
          if (clause === 'REMOVE') actions.push({ action: 'REMOVE', path });
          else {
            this.punct('=');
            let value = this.operand();
            if (this.isPunct('+') || this.isPunct('-')) {
              const op = this.next().text as '+' | '-';
              value = { type: 'arith', op, left: value, right: this.operand() };
            }
            actions.push({ action: 'SET', path, value });
          }
        } while (this.isPunct(','));
      }
      if (actions.length === 0) throw malformed('Expected SET or REMOVE');
      st = { type: 'update', table, actions, where: this.where() };
    } else if (this.isWord('DELETE')) {
      this.next();
      this.word('FROM');
      st = { type: 'delete', table: this.name(), where: this.where() };
    } else {
      throw malformed(`Unexpected keyword: ${this.peek().text}`);
    }
    if (this.peek().kind !== 'eof') throw malformed(`Unexpected token: ${this.peek().text}`);
    if (this.param !== this.params.length) throw validation("Number of parameters in request and statement don't match.");
    return st;
  }
}

export function parseStatement(src: string, params: AttributeValue[] = []): Statement {
  return new PartiqlParser(src, params).statement();
}
