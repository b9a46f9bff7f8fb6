// Italian fiscal code (codice fiscale) of a person, checked as it is typed (DOMAIN.md §8):
// 16 characters, surname 3 letters, name 3 letters, year 2 digits, month letter, day 2 digits
// (+40 for women), Belfiore code (letter + 3 digits), check character. Omocodia replaces the
// digits at positions 7,8,10,11,13,14,15 (1-based) with LMNPQRSTUV.
const MONTHS = 'ABCDEHLMPRST';
const OMOCODE = 'LMNPQRSTUV';
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const DIGIT_POSITIONS = new Set([6, 7, 9, 10, 12, 13, 14]); // 0-based
const LETTER_POSITIONS = new Set([0, 1, 2, 3, 4, 5, 8, 11, 15]);

function charValue(c, odd) {
  const isDigit = c >= '0' && c <= '9';
  const index = isDigit ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
  return odd ? ODD[index] : index;
}

export function checkCharacter(first15) {
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += charValue(first15[i], i % 2 === 0);
  return String.fromCharCode(65 + (sum % 26));
}

const decode = (c) => (c >= '0' && c <= '9' ? c : String(OMOCODE.indexOf(c)));

// Returns {status, position?, expected?}:
//   'empty' | 'incomplete' (a valid prefix) | 'format' (wrong character at `position`, 1-based) |
//   'month' | 'day' | 'check' (wrong check character; `expected`) | 'valid'.
export function checkFiscalCode(input) {
  const code = (input || '').trim().toUpperCase();
  if (!code) return { status: 'empty', code };
  if (code.length > 16) return { status: 'format', position: 17, code };
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    const letter = c >= 'A' && c <= 'Z';
    const digit = c >= '0' && c <= '9';
    let ok;
    if (LETTER_POSITIONS.has(i)) ok = letter;
    else if (DIGIT_POSITIONS.has(i)) ok = digit || OMOCODE.includes(c);
    else ok = false;
    if (!ok) return { status: 'format', position: i + 1, code };
  }
  if (code.length >= 9 && !MONTHS.includes(code[8])) return { status: 'month', code };
  if (code.length >= 11) {
    const day = Number(decode(code[9]) + decode(code[10]));
    if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return { status: 'day', code };
  }
  if (code.length < 16) return { status: 'incomplete', code, remaining: 16 - code.length };
  const expected = checkCharacter(code);
  if (code[15] !== expected) return { status: 'check', expected, code };
  return { status: 'valid', code };
}
