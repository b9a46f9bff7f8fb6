// RenderReceiptPdf: an A4 PDF drawn with cairo (Debian's libcairo2) into a string. Text uses
// cairo's "toy" font API with the generic "sans-serif" family, which fontconfig resolves to
// an installed font (DejaVu Sans on the images); nothing is read from the project's files.
#include <cairo-pdf.h>
#include <cairo.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "services/communications/receipt/receipt.h"
#include "services/communications/receipt/receipt_internal.h"
#include "services/platform/errors.h"

namespace sisl::communications {
namespace {

using receipt_internal::Label;

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceFree>;
struct ContextFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using ContextPtr = std::unique_ptr<cairo_t, ContextFree>;

// A4 in points, 2 cm margins.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.7;
constexpr double kLabelColumn = 180;                    // where values start, from the margin
constexpr double kBottom = kPageHeight - kMargin - 24;  // room for the footer
constexpr double kTextSize = 10;
constexpr double kLineHeight = 14;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

absl::Status RenderError(absl::string_view what, cairo_status_t status) {
  return platform::Error(absl::StatusCode::kInternal, "RECEIPT_RENDER_FAILED",
                         absl::StrCat("the PDF receipt could not be drawn (", what,
                                      "): ", cairo_status_to_string(status)));
}

// Lays text out top to bottom, wrapping long values and starting new pages as needed; each
// page gets the footer with its number.
class PageWriter final {
 public:
  PageWriter(cairo_t* cr, Language lang) : cr_(cr), lang_(lang) {}

  void Title(absl::string_view text) {
    SetGray(0);
    Font(16, true);
    Line(kMargin, text, 22);
    Font(9, false);
    SetGray(0.35);
    Line(kMargin, receipt_internal::Text(Label::kIssuer, lang_), 20);
    SetGray(0);
  }

  void Section(Label label) {
    y_ += 8;
    NeedSpace(3 * kLineHeight);
    Font(12, true);
    Line(kMargin, receipt_internal::Text(label, lang_), 6);
    cairo_set_line_width(cr_, 0.6);
    cairo_move_to(cr_, kMargin, y_);
    cairo_line_to(cr_, kPageWidth - kMargin, y_);
    cairo_stroke(cr_);
    y_ += kLineHeight;
  }

  // "Label    value", the value wrapped in its column.
  void Field(Label label, absl::string_view value, bool bold = false) {
    Font(kTextSize, bold);
    const std::vector<std::string> lines = Wrap(value, kPageWidth - 2 * kMargin - kLabelColumn);
    NeedSpace(kLineHeight * static_cast<double>(lines.size()));
    Font(kTextSize, false);
    SetGray(0.35);
    Show(kMargin, receipt_internal::Text(label, lang_));
    SetGray(0);
    Font(kTextSize, bold);
    for (const std::string& line : lines) Line(kMargin + kLabelColumn, line, kLineHeight);
  }

  // A paragraph over the whole width; `red` for the lateness warning.
  void Paragraph(absl::string_view text, bool bold = false, bool red = false) {
    Font(kTextSize, bold);
    if (red) cairo_set_source_rgb(cr_, 0.7, 0, 0);
    for (const std::string& line : Wrap(text, kPageWidth - 2 * kMargin)) {
      NeedSpace(kLineHeight);
      Line(kMargin, line, kLineHeight);
    }
    SetGray(0);
  }

  // Closes the last page.
  void Finish() { EndPage(); }

 private:
  void Font(double size, bool bold) {
    cairo_select_font_face(cr_, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }
  void SetGray(double g) { cairo_set_source_rgb(cr_, g, g, g); }

  void Show(double x, absl::string_view text) {
    const std::string s(text);
    cairo_move_to(cr_, x, y_);
    cairo_show_text(cr_, s.c_str());
  }
  void Line(double x, absl::string_view text, double advance) {
    Show(x, text);
    y_ += advance;
  }

  double Width(const std::string& text) {
    cairo_text_extents_t extents;
    cairo_text_extents(cr_, text.c_str(), &extents);
    return extents.x_advance;
  }

  // Greedy word wrap with the current font; a word wider than the column stays whole.
  std::vector<std::string> Wrap(absl::string_view text, double width) {
    std::vector<std::string> lines;
    std::string line;
    for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
      std::string candidate = line.empty() ? std::string(word) : absl::StrCat(line, " ", word);
      if (!line.empty() && Width(candidate) > width) {
        lines.push_back(std::move(line));
        candidate = std::string(word);
      }
      line = std::move(candidate);
    }
    if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
    return lines;
  }

  void NeedSpace(double height) {
    if (y_ + height <= kBottom) return;
    EndPage();
    y_ = kMargin + 12;
  }

  void EndPage() {
    ++page_;
    Font(8, false);
    SetGray(0.35);
    const double saved = y_;
    y_ = kPageHeight - kMargin + 8;
    Show(kMargin, receipt_internal::Text(Label::kFooter, lang_));
    const std::string number =
        absl::StrCat(receipt_internal::Text(Label::kPage, lang_), " ", page_);
    Show(kPageWidth - kMargin - Width(number), number);
    y_ = saved;
    SetGray(0);
    cairo_show_page(cr_);
  }

  cairo_t* cr_;
  Language lang_;
  double y_ = kMargin + 12;
  int page_ = 0;
};

void Draw(const ReceiptData& d, Language lang, PageWriter& w) {
  using receipt_internal::EventLabel;
  using receipt_internal::FormatDay;
  using receipt_internal::NatureLabel;
  using receipt_internal::Text;
  const Communication& c = d.communication;
  w.Title(Text(Label::kTitle, lang));

  w.Section(Label::kProtocolSection);
  w.Field(Label::kCode, d.code, /*bold=*/true);
  w.Field(Label::kProtocolAt, receipt_internal::FormatProtocolTime(d.protocol_at, lang));
  w.Field(Label::kForm,
          absl::StrCat(receipt_internal::FormName(c.form), " (", FormCode(c.form), ")"));
  w.Field(Label::kNature,
          absl::StrCat(NatureLabel(c.nature, lang), " (", NatureCode(c.nature), ")"));
  w.Field(Label::kEvent, EventLabel(c.event, lang));
  if (!d.previous_code.empty()) w.Field(Label::kPreviousCode, d.previous_code);
  if (!d.filed_for.empty()) w.Field(Label::kFiledFor, d.filed_for);

  w.Section(Label::kEmployerSection);
  w.Field(Label::kFiscalCode, c.employer.fiscal_code);
  w.Field(Label::kEmployerName, c.employer.name);
  if (c.employer_change.has_value()) {
    w.Field(Label::kPreviousEmployer, absl::StrCat(c.employer_change->previous_fiscal_code, " ",
                                                   c.employer_change->previous_name));
  }

  w.Section(Label::kWorkerSection);
  if (c.form == Form::kVardatori && c.employer_change.has_value()) {
    w.Field(Label::kWorkersMoved, absl::StrJoin(c.employer_change->worker_fiscal_codes, ", "));
  } else {
    w.Field(Label::kFiscalCode, c.worker.fiscal_code);
    w.Field(Label::kSurname, c.worker.surname);
    w.Field(Label::kName, c.worker.name);
  }

  w.Section(Label::kRelationshipSection);
  w.Field(Label::kEventDate, FormatDay(EventDate(c), lang));
  std::string contract = c.contract.contract_type;
  if (c.transformation.has_value() && !c.transformation->new_contract_type.empty()) {
    contract = absl::StrCat(contract, " -> ", c.transformation->new_contract_type);
  }
  if (!contract.empty()) w.Field(Label::kContractType, contract);

  w.Section(Label::kDeadlineSection);
  w.Field(Label::kDue, FormatDay(d.due, lang));
  w.Field(Label::kDaysLate, absl::StrCat(d.days_late));
  if (d.days_late > 0) {
    w.Paragraph(absl::StrCat(Text(Label::kLateWarning, lang), " ", d.days_late), true, true);
  } else {
    w.Paragraph(Text(Label::kOnTime, lang));
  }

  w.Section(Label::kWarningsSection);
  if (d.warnings.empty()) w.Paragraph(Text(Label::kNoWarnings, lang));
  for (const Finding& f : d.warnings) {
    const std::string& message = lang == Language::kItalian ? f.message_it : f.message_en;
    w.Paragraph(absl::StrCat(f.rule, "  ", message));
  }
  w.Finish();
}

// PDF dates are ISO 8601; the protocol time makes the document reproducible.
std::string PdfDate(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

}  // namespace

absl::StatusOr<std::string> RenderReceiptPdf(const ReceiptData& data, Language lang) {
  std::string out;
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(&AppendToString, &out, kPageWidth, kPageHeight));
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return RenderError("surface", s);
  }
  const std::string title =
      absl::StrCat(receipt_internal::Text(Label::kTitle, lang), " ", data.code);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_KEYWORDS, data.code.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "SISL");
  const std::string date = PdfDate(data.protocol_at);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  {
    ContextPtr cr(cairo_create(surface.get()));
    PageWriter writer(cr.get(), lang);
    Draw(data, lang, writer);
    if (cairo_status_t s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) {
      return RenderError("text", s);
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return RenderError("output", s);
  }
  return out;
}

}  // namespace sisl::communications
