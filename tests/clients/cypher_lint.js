#!/usr/bin/env node
// Lint a Cypher script with Neo4j's own language support (parser + the
// Neo4j front-end semantic analysis) from @neo4j-cypher/language-support.
//
//   node tests/clients/cypher_lint.js [--syntax-only] [--literals] FILE
//
// Full linting runs Neo4j's semantic analysis per statement (~30 ms each, so
// a 3000-statement script takes ~100 s). --syntax-only skips it and reports
// only errors from the ANTLR Cypher grammar shipped in the same package (the
// grammar Neo4j itself uses) plus the escape check below (~1 ms/statement).
// Note: in full mode the package's own ANTLR listener reports only
// console-command errors; real syntax errors come from the semantic analysis.
//
// Exit 0 and print {"statements": K, "errors": 0, "warnings": W} on stdout
// when no diagnostic has Error severity; otherwise print every diagnostic as
// "FILE:LINE:COL: severity: message" on stderr and exit 1.
//
// --literals adds "statement_tokens" to the output: for each statement (as the package's own
// lexer splits the script at top-level semicolons), its tokens other than white space and
// comments, with each string literal replaced by '?', and "statement_strings": the values of its
// string literals, decoded by the escapes Neo4j documents. A test can then check that what was
// meant to be a string is one, whole, and nothing else became code.
//
// On top of Neo4j's linter this adds one switchboard-specific check: every
// backslash escape inside a string literal must be one Neo4j documents
// (\t \b \n \r \f \' \" \\ \uXXXX). Neo4j's lexer accepts "\" followed by
// any character (e.g. 'C:\q' lints clean), so a writer that forgets to
// escape a backslash would otherwise go unnoticed. These are reported as
// errors with the message prefix "[switchboard escape check]".
'use strict';

const fs = require('fs');

function die(msg) {
  process.stderr.write(`cypher_lint: ${msg}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const syntaxOnly = flags.delete('--syntax-only');
const literals = flags.delete('--literals');
const rest = args.filter((a) => !a.startsWith('--'));
const file = rest[0];
if (!file || rest.length !== 1 || flags.size) die('usage: cypher_lint.js [--syntax-only] [--literals] FILE');

let text;
try {
  const buf = fs.readFileSync(file);
  text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
} catch (e) {
  die(`cannot read ${file} as UTF-8: ${e.message}`);
}

const {
  lintCypherQuery,
  parseStatementsStrs,
  CypherLexer,
  CypherParser,
} = require('@neo4j-cypher/language-support');
const { CharStreams, CommonTokenStream } = require('antlr4');

function antlrSyntaxDiagnostics(src) {
  const out = [];
  const listener = {
    syntaxError(_recognizer, _symbol, line, column, msg) {
      out.push({
        severity: 1,
        range: { start: { line: line - 1, character: column }, end: { line: line - 1, character: column + 1 } },
        message: msg,
      });
    },
    reportAmbiguity() {},
    reportAttemptingFullContext() {},
    reportContextSensitivity() {},
  };
  const lexer = new CypherLexer(CharStreams.fromString(src));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = new CypherParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  parser.statementsOrCommands();
  return out;
}

// Severity values from the LSP spec (vscode-languageserver-types).
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

// The linter reports a trailing comment after the last ';' as an empty,
// invalid statement ("Expected any of CYPHER, EXPLAIN, PROFILE or a
// statement"), which Neo4j/cypher-shell accept. Cut such a comment-only tail
// (offsets before the cut are unchanged).
{
  const lexer = new CypherLexer(CharStreams.fromString(text));
  lexer.removeErrorListeners();
  const trivia = new Set([CypherLexer.SPACE, CypherLexer.SINGLE_LINE_COMMENT, CypherLexer.MULTI_LINE_COMMENT]);
  const toks = lexer.getAllTokens().filter((t) => !trivia.has(t.type) && t.type !== CypherLexer.EOF);
  const last = toks[toks.length - 1];
  if (last && last.type === CypherLexer.SEMICOLON) text = Array.from(text).slice(0, last.stop + 1).join('') + '\n'; // ANTLR indexes code points
}

// Empty schema: no label/relationship-type/function/procedure checks against a
// live database, only syntax + semantic analysis. Parameters are undeclared,
// so any $param in the script is reported as an error (the script must be
// self-contained).
let diagnostics;
try {
  diagnostics = syntaxOnly
    ? antlrSyntaxDiagnostics(text)
    : lintCypherQuery(text, {});
} catch (e) {
  die(`linter crashed: ${e && e.stack ? e.stack : e}`);
}
const statements = parseStatementsStrs(text).filter((s) => s.replace(/;\s*$/, '').trim().length > 0).length;

// Switchboard's own strictness: documented escapes only.
function escapeDiagnostics(src) {
  const out = [];
  const lexer = new CypherLexer(CharStreams.fromString(src));
  lexer.removeErrorListeners(); // lexing errors are already in `diagnostics`
  const ok = /^\\(?:[tbnrf'"\\]|u[0-9A-Fa-f]{4})/;
  for (const tok of lexer.getAllTokens()) {
    if (tok.type !== CypherLexer.STRING_LITERAL1 && tok.type !== CypherLexer.STRING_LITERAL2) continue;
    const body = tok.text;
    for (let i = 1; i < body.length - 1; i++) {
      if (body[i] !== '\\') continue;
      const m = ok.exec(body.slice(i));
      if (!m) {
        // token line is 1-based, column 0-based; count newlines before i
        const before = body.slice(0, i);
        const nl = before.lastIndexOf('\n');
        const line = tok.line - 1 + (before.split('\n').length - 1);
        const character = nl < 0 ? tok.column + i : i - nl - 1;
        out.push({
          severity: 1,
          range: { start: { line, character }, end: { line, character: character + 2 } },
          message: `[switchboard escape check] invalid escape sequence ${JSON.stringify(body.slice(i, i + 6))} in string literal (allowed: \\t \\b \\n \\r \\f \\' \\" \\\\ \\uXXXX)`,
        });
        i += 1;
      } else {
        i += m[0].length - 1;
      }
    }
  }
  return out;
}
diagnostics = diagnostics.concat(escapeDiagnostics(text));
diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

const errors = diagnostics.filter((d) => d.severity === 1 || d.severity === undefined);
const warnings = diagnostics.filter((d) => d.severity === 2);

const lines = text.split('\n');
function report(d) {
  const line = d.range.start.line + 1;
  const col = d.range.start.character + 1;
  const sev = SEVERITY[d.severity] || 'error';
  const src = (lines[d.range.start.line] || '').slice(0, 200);
  return `${file}:${line}:${col}: ${sev}: ${d.message}\n    ${src}`;
}

if (errors.length > 0) {
  process.stderr.write(diagnostics.map(report).join('\n') + '\n');
  process.stderr.write(`cypher_lint: ${errors.length} error(s), ${warnings.length} warning(s) in ${statements} statement(s)\n`);
  process.exit(1);
}
for (const d of warnings) process.stderr.write(report(d) + '\n');
if (statements === 0) die(`${file}: no statements found`);
const result = { statements, errors: 0, warnings: warnings.length };

// A string literal's value: Neo4j's escapes \t \b \n \r \f \' \" \\ \uXXXX \UXXXXXXXX.
function decodeLiteral(tok) {
  const body = Array.from(tok.slice(1, -1));
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i];
      continue;
    }
    const c = body[++i];
    const simple = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', "'": "'", '"': '"', '\\': '\\' };
    if (c in simple) {
      out += simple[c];
    } else if (c === 'u' || c === 'U') {
      const n = c === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + n).join(''), 16));
      i += n;
    } else {
      out += '\\' + c; // reported by the escape check above
    }
  }
  return out;
}

if (literals) {
  const lexer = new CypherLexer(CharStreams.fromString(text));
  lexer.removeErrorListeners();
  const trivia = new Set([CypherLexer.SPACE, CypherLexer.SINGLE_LINE_COMMENT, CypherLexer.MULTI_LINE_COMMENT]);
  const tokens = [];
  const strings = [];
  let toks = [];
  let strs = [];
  for (const t of lexer.getAllTokens()) {
    if (trivia.has(t.type) || t.type === CypherLexer.EOF) continue;
    if (t.type === CypherLexer.STRING_LITERAL1 || t.type === CypherLexer.STRING_LITERAL2) {
      toks.push("'?'");
      strs.push(decodeLiteral(t.text));
    } else {
      toks.push(t.text);
    }
    if (t.type === CypherLexer.SEMICOLON) {
      tokens.push(toks);
      strings.push(strs);
      toks = [];
      strs = [];
    }
  }
  if (toks.length) {
    tokens.push(toks);
    strings.push(strs);
  }
  result.statement_tokens = tokens;
  result.statement_strings = strings;
}
process.stdout.write(JSON.stringify(result) + '\n');
