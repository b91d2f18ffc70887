/**
 * Recursive-descent parser for DynamoDB expressions. Precedence, lowest first: OR, AND, NOT, then
 * comparisons / BETWEEN / IN / functions (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Precedence).
 * `#name` and `:value` placeholders are resolved while parsing; semantic errors (reserved words, undefined
 * placeholders, bad function use) are reported after the whole expression parsed, as DynamoDB does.
 */

import { validation } from '../validation/errors.js';
import type { CallNode, Comparator, Condition, Operand, PathElement, PathNode, UpdateAction, UpdateExpression, ValueNode } from './ast.js';
import { parseBooleanCondition } from './boolean-grammar.js';
import type { ExpressionContext } from './context.js';
import { isReservedWord } from './reserved-words.js';
import { type Token, tokenize } from './tokenizer.js';

export type ExpressionLabel =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'ProjectionExpression'
  | 'UpdateExpression';

const CONDITION_FUNCTIONS: Record<string, number> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
};
const OPERAND_FUNCTIONS: Record<string, number> = { size: 1 };
const UPDATE_FUNCTIONS: Record<string, number> = { if_not_exists: 2, list_append: 2 };
const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const MAX_EXPRESSION_LENGTH = 4096;

/** A function's operand count, if the table has it (own entries: `constructor(a)` is no function). */
function arityIn(table: Record<string, number>, name: string): number | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

class Parser {
  private pos = 0;
  private readonly tokens: Token[];
  private readonly deferred: string[] = [];

  constructor(
    private readonly source: string,
    readonly label: ExpressionLabel,
    private readonly ctx: ExpressionContext,
  ) {
    if (source.length > MAX_EXPRESSION_LENGTH) {
      throw validation(`Invalid ${label}: Expression size has exceeded the maximum allowed size; expression size: ${source.length}`);
    }
    this.tokens = tokenize(source);
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }

  syntaxError(token: Token = this.peek()): Error {
    const index = this.tokens.indexOf(token);
    const before = this.tokens[index - 1];
    const after = this.tokens[index + 1];
    const from = before ? before.start : token.start;
    // At the end of input DynamoDB shows just the last token ("near: \"(\"").
    const to = token.kind === 'eof' ? (before ? before.end : token.end) : after && after.kind !== 'eof' ? after.end : token.end;
    return validation(`Invalid ${this.label}: Syntax error; token: "${token.text}", near: "${this.source.slice(from, to)}"`);
  }

  private expectPunct(text: string): Token {
    if (!this.isPunct(text)) throw this.syntaxError();
    return this.next();
  }

  defer(message: string): void {
    this.deferred.push(`Invalid ${this.label}: ${message}`);
  }

  finish(): void {
    if (this.peek().kind !== 'eof') throw this.syntaxError();
    const first = this.deferred[0];
    if (first !== undefined) throw validation(first);
  }

  // ---- paths and operands ----

  private pathName(t: Token): string {
    if (t.kind === 'name') {
      const resolved = this.ctx.name(t.text);
      if (resolved === undefined) {
        this.defer(`An expression attribute name used in the document path is not defined; attribute name: ${t.text}`);
        return t.text;
      }
      return resolved;
    }
    if (t.kind !== 'ident' || /^[0-9]/.test(t.text)) throw this.syntaxError(t);
    if (isReservedWord(t.text)) this.defer(`Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
    return t.text;
  }

  path(): PathNode {
    const elements: PathElement[] = [{ kind: 'name', name: this.pathName(this.next()) }];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        elements.push({ kind: 'name', name: this.pathName(this.next()) });
      } else if (this.isPunct('[')) {
        this.next();
        const t = this.next();
        if (t.kind !== 'number') throw this.syntaxError(t);
        elements.push({ kind: 'index', index: Number(t.text) });
        this.expectPunct(']');
      } else {
        break;
      }
    }
    if (elements.length > 32) this.defer('The document path has too many nesting levels; nesting levels: ' + elements.length);
    return { type: 'path', elements };
  }

  value(): ValueNode {
    const t = this.next();
    if (t.kind !== 'value') throw this.syntaxError(t);
    const value = this.ctx.value(t.text);
    if (value === undefined) {
      this.defer(`An expression attribute value used in expression is not defined; attribute value: ${t.text}`);
      return { type: 'value', ref: t.text, value: { NULL: true } };
    }
    return { type: 'value', ref: t.text, value };
  }

  private call(allowed: Record<string, number>): CallNode {
    const nameToken = this.next();
    this.expectPunct('(');
    const args: Operand[] = [];
    if (!this.isPunct(')')) {
      args.push(this.operand(allowed === UPDATE_FUNCTIONS));
      while (this.isPunct(',')) {
        this.next();
        args.push(this.operand(allowed === UPDATE_FUNCTIONS));
      }
    }
    this.expectPunct(')');
    const name = nameToken.text;
    const arity = arityIn(allowed, name);
    if ([CONDITION_FUNCTIONS, OPERAND_FUNCTIONS, UPDATE_FUNCTIONS].every((t) => arityIn(t, name) === undefined)) {
      this.defer(`Invalid function name; function: ${name}`);
    } else if (arity === undefined) this.defer(`The function is not allowed to be used this way in an expression; function: ${name}`);
    else if (args.length !== arity) {
      this.defer(
        `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
      );
    }
    return { type: 'call', name, args };
  }

  /** A comparison operand: a path, a :value, or size(path). In SET also if_not_exists / list_append. */
  operand(update = false): Operand {
    const t = this.peek();
    if (t.kind === 'value') return this.value();
    if (t.kind === 'ident' && this.peek(1).kind === 'punct' && this.peek(1).text === '(') {
      return this.call(update ? UPDATE_FUNCTIONS : OPERAND_FUNCTIONS);
    }
    if (t.kind === 'ident' || t.kind === 'name') return this.path();
    throw this.syntaxError(t);
  }

  // ---- conditions ----

  condition(): Condition {
    return parseBooleanCondition(
      (word) => {
        if (!this.isKeyword(word)) return false;
        this.next();
        return true;
      },
      () => this.predicate(),
    );
  }

  private predicate(): Condition {
    if (this.isPunct('(')) {
      this.next();
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    const t = this.peek();
    if (
      t.kind === 'ident' &&
      this.peek(1).kind === 'punct' &&
      this.peek(1).text === '(' &&
      arityIn(CONDITION_FUNCTIONS, t.text) !== undefined
    ) {
      const call = this.call(CONDITION_FUNCTIONS);
      return { type: 'call', name: call.name, args: call.args };
    }
    const left = this.operand();
    const op = this.peek();
    if (op.kind === 'punct' && COMPARATORS.has(op.text)) {
      this.next();
      return { type: 'compare', op: op.text as Comparator, left, right: this.operand() };
    }
    if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.operand();
      if (!this.isKeyword('AND')) throw this.syntaxError();
      this.next();
      return { type: 'between', operand: left, low, high: this.operand() };
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectPunct('(');
      const list = [this.operand()];
      while (this.isPunct(',')) {
        this.next();
        list.push(this.operand());
      }
      this.expectPunct(')');
      if (list.length > 100) this.defer(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
      return { type: 'in', operand: left, list };
    }
    if (left.type === 'call') {
      // size(a) alone, or a function that only works as an operand.
      throw this.syntaxError();
    }
    throw this.syntaxError();
  }

  // ---- update expressions ----

  update(): UpdateExpression {
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    if (this.peek().kind === 'eof') throw this.syntaxError();
    while (this.peek().kind !== 'eof') {
      const t = this.next();
      const clause = t.kind === 'ident' ? t.text.toUpperCase() : '';
      if (clause !== 'SET' && clause !== 'REMOVE' && clause !== 'ADD' && clause !== 'DELETE') throw this.syntaxError(t);
      if (seen.has(clause))
        throw validation(`Invalid UpdateExpression: The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      do {
        if (actions.length > 0 && this.isPunct(',')) this.next();
        actions.push(this.updateAction(clause));
      } while (this.isPunct(','));
    }
    return { actions };
  }

  private updateAction(clause: 'SET' | 'REMOVE' | 'ADD' | 'DELETE'): UpdateAction {
    const path = this.path();
    switch (clause) {
      case 'SET': {
        this.expectPunct('=');
        let value = this.operand(true);
        if (this.isPunct('+') || this.isPunct('-')) {
          const op = this.next().text as '+' | '-';
          value = { type: 'arith', op, left: value, right: this.operand(true) };
        }
        return { action: 'SET', path, value };
      }
      case 'REMOVE':
        return { action: 'REMOVE', path };
      default:
        return { action: clause, path, value: this.value() };
    }
  }

  projection(): PathNode[] {
    const paths = [this.path()];
    while (this.isPunct(',')) {
      this.next();
      paths.push(this.path());
    }
    return paths;
  }
}

function parser(source: string, label: ExpressionLabel, ctx: ExpressionContext): Parser {
  if (source.trim() === '') throw validation(`Invalid ${label}: The expression can not be empty;`);
  return new Parser(source, label, ctx);
}

export function parseCondition(source: string, label: ExpressionLabel, ctx: ExpressionContext): Condition {
  const p = parser(source, label, ctx);
  const condition = p.condition();
  p.finish();
  return condition;
}

export function parseUpdate(source: string, ctx: ExpressionContext): UpdateExpression {
  const p = parser(source, 'UpdateExpression', ctx);
  const update = p.update();
  p.finish();
  return update;
}

export function parseProjection(source: string, ctx: ExpressionContext): PathNode[] {
  const p = parser(source, 'ProjectionExpression', ctx);
  const paths = p.projection();
  p.finish();
  return paths;
}
