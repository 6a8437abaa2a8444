/**
 * The Luhn (mod 10) check used by payment card numbers. `digits` must hold only ASCII digits.
 * A random 16-digit number passes one time in ten, so it is a filter, not a proof.
 */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}
