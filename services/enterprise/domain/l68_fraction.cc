#include "services/enterprise/domain/l68_fraction.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"

namespace sisl::enterprise {
namespace {

constexpr int64_t kLimit = int64_t{1} << 62;

absl::uint128 Abs(absl::int128 v) { return v < 0 ? absl::uint128(-v) : absl::uint128(v); }

absl::uint128 Gcd(absl::uint128 a, absl::uint128 b) {
  while (b != 0) {
    const absl::uint128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace

Fraction Fraction::Invalid() { return Fraction(0, 1, false); }

Fraction Fraction::Of(int64_t numerator, int64_t denominator) {
  if (denominator == 0) return Invalid();
  absl::int128 n = numerator;
  absl::int128 d = denominator;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const absl::uint128 g = Gcd(Abs(n), Abs(d));
  if (g > 1) {
    n /= absl::int128(g);
    d /= absl::int128(g);
  }
  if (Abs(n) > absl::uint128(kLimit) || d > kLimit) return Invalid();
  return Fraction(static_cast<int64_t>(n), static_cast<int64_t>(d), true);
}

namespace {

// n/d reduced from 128-bit intermediates.
Fraction Reduce(absl::int128 n, absl::int128 d) {
  const absl::uint128 g = Gcd(Abs(n), Abs(d));
  if (g > 1) {
    n /= absl::int128(g);
    d /= absl::int128(g);
  }
  if (Abs(n) > absl::uint128(kLimit) || Abs(d) > absl::uint128(kLimit) || d == 0) {
    return Fraction::Invalid();
  }
  return Fraction::Of(static_cast<int64_t>(n), static_cast<int64_t>(d));
}

}  // namespace

Fraction Fraction::operator+(const Fraction& o) const {
  if (!valid_ || !o.valid_) return Invalid();
  return Reduce(absl::int128(num_) * o.den_ + absl::int128(o.num_) * den_,
                absl::int128(den_) * o.den_);
}

Fraction Fraction::operator-(const Fraction& o) const {
  if (!valid_ || !o.valid_) return Invalid();
  return Reduce(absl::int128(num_) * o.den_ - absl::int128(o.num_) * den_,
                absl::int128(den_) * o.den_);
}

Fraction Fraction::operator*(const Fraction& o) const {
  if (!valid_ || !o.valid_) return Invalid();
  return Reduce(absl::int128(num_) * o.num_, absl::int128(den_) * o.den_);
}

bool Fraction::operator==(const Fraction& o) const {
  return valid_ && o.valid_ && num_ == o.num_ && den_ == o.den_;
}

bool Fraction::operator<(const Fraction& o) const {
  if (!valid_ || !o.valid_) return false;
  return absl::int128(num_) * o.den_ < absl::int128(o.num_) * den_;
}

int64_t Fraction::Floor() const {
  if (!valid_) return 0;
  int64_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  return q;
}

Fraction Fraction::FractionalPart() const { return *this - Whole(Floor()); }

bool Fraction::FractionAboveHalf() const { return Of(1, 2) < FractionalPart(); }

int64_t Fraction::RoundAboveHalf() const { return Floor() + (FractionAboveHalf() ? 1 : 0); }

std::string Fraction::ToString() const {
  if (!valid_) return "invalid";
  if (den_ == 1) return absl::StrCat(num_);
  // Terminating decimal within 6 places: the denominator divides 10^places.
  int64_t scale = 1;
  int places = 0;
  while (places < 6 && scale % den_ != 0) {
    scale *= 10;
    ++places;
  }
  const bool negative = num_ < 0;
  const absl::uint128 magnitude = Abs(num_);
  auto decimal = [&](int digits, int64_t pow10) {
    // Rounded half up for display only (the computation never uses this text).
    const absl::uint128 scaled = (magnitude * pow10 * 2 + absl::uint128(den_)) / (2 * den_);
    const absl::uint128 whole = scaled / pow10;
    const std::string frac = absl::StrCat(static_cast<uint64_t>(scaled % pow10));
    const size_t pad = static_cast<size_t>(digits) > frac.size() ? digits - frac.size() : 0;
    return absl::StrCat(negative ? "-" : "", static_cast<uint64_t>(whole), ".",
                        std::string(pad, '0'), frac);
  };
  if (scale % den_ == 0) return decimal(places < 2 ? 2 : places, places < 2 ? 100 : scale);
  return absl::StrCat(num_, "/", den_, " (", decimal(2, 100), ")");
}

}  // namespace sisl::enterprise
