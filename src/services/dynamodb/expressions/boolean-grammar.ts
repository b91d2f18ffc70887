/**
 * The boolean layer both DynamoDB grammars share (condition expressions and PartiQL WHERE clauses):
 * `OR` binds loosest, then `AND`, then prefix `NOT`, then the grammar's own predicate.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Precedence
 */
import type { Condition } from './ast.js';

/**
 * Parses `a OR b AND NOT c` into a left-associative tree. `keyword(word)` consumes the next token when it is that
 * keyword; `predicate()` parses one comparison, function call or parenthesised condition.
 */
export function parseBooleanCondition(keyword: (word: 'OR' | 'AND' | 'NOT') => boolean, predicate: () => Condition): Condition {
  const negation = (): Condition => (keyword('NOT') ? { type: 'not', operand: negation() } : predicate());
  const conjunction = (): Condition => {
    let left = negation();
    while (keyword('AND')) left = { type: 'and', left, right: negation() };
    return left;
  };
  let left = conjunction();
  while (keyword('OR')) left = { type: 'or', left, right: conjunction() };
  return left;
}
