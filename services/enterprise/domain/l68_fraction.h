#ifndef SISL_ENTERPRISE_DOMAIN_L68_FRACTION_H_
#define SISL_ENTERPRISE_DOMAIN_L68_FRACTION_H_

#include <cstdint>
#include <string>

namespace sisl::enterprise {

// An exact rational number for the L.68/1999 computation (pro-rata hours, 7% and 1% of a base),
// so that "a fraction above 0.50" (DOMAIN.md §12) is decided exactly and never by floating point:
// 7% of 150 is exactly 21/2 and does not round up.
//
// Numerator and denominator stay reduced and within 2^62. An operation whose exact result does
// not fit gives an invalid value (like a NaN: every later operation stays invalid), which the
// computation reports as an error instead of a wrong figure.
class Fraction final {
 public:
  constexpr Fraction() = default;  // 0
  // n/d, reduced; invalid when d is 0 or the values are out of range.
  static Fraction Of(int64_t numerator, int64_t denominator);
  static Fraction Whole(int64_t n) { return Of(n, 1); }
  static Fraction Invalid();

  bool valid() const { return valid_; }
  int64_t numerator() const { return num_; }
  int64_t denominator() const { return den_; }
  bool is_integer() const { return valid_ && den_ == 1; }

  Fraction operator+(const Fraction& o) const;
  Fraction operator-(const Fraction& o) const;
  Fraction operator*(const Fraction& o) const;
  Fraction& operator+=(const Fraction& o) { return *this = *this + o; }

  // Comparisons of valid values (an invalid value compares equal to nothing and less than
  // nothing).
  bool operator==(const Fraction& o) const;
  bool operator<(const Fraction& o) const;
  bool operator>(const Fraction& o) const { return o < *this; }
  bool operator<=(const Fraction& o) const { return *this < o || *this == o; }

  int64_t Floor() const;            // the largest integer <= the value
  Fraction FractionalPart() const;  // value - Floor(), in [0, 1)
  bool FractionAboveHalf() const;   // FractionalPart() > 1/2
  // The rule of DOMAIN.md §12 and PRODIS: the integer part, plus one only when the fractional
  // part is above 0.50 (10.50 -> 10, 10.51 -> 11).
  int64_t RoundAboveHalf() const;

  // For explanations: "10", "10.50", "0.125", or "35/3 (11.67)" when the decimal expansion does
  // not end within 6 places; "invalid" for an invalid value.
  std::string ToString() const;

 private:
  constexpr Fraction(int64_t n, int64_t d, bool valid) : num_(n), den_(d), valid_(valid) {}

  int64_t num_ = 0;
  int64_t den_ = 1;
  bool valid_ = true;
};

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_DOMAIN_L68_FRACTION_H_
