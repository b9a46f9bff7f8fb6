// The template catalogue (services/notifications/domain/catalogue.h): every message type renders
// in every language and part, what each variant says, HTML escaping, right-to-left Arabic, dates
// per language, and the errors of values and of template files.
#include "services/notifications/domain/catalogue.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/notifications/domain/date_format.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/unit/notifications/test_messages.h"

namespace sisl::notifications {
namespace embedded_templates {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_templates

namespace {

using ::sisl::platform::testing::HasReason;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RomeTime;
using testing::Samples;

class CatalogueTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<TemplateCatalogue> c = TemplateCatalogue::Load(testing::Rome());
    ASSERT_TRUE(c.ok()) << c.status();
    catalogue_ = new TemplateCatalogue(*std::move(c));
  }

  static RenderedMessage Render(MessageType type, Language language, const MessageValues& v) {
    absl::StatusOr<RenderedMessage> m = catalogue_->Render(type, language, v);
    EXPECT_TRUE(m.ok()) << m.status();
    return m.ok() ? *m : RenderedMessage{};
  }

  static TemplateCatalogue* catalogue_;
};

TemplateCatalogue* CatalogueTest::catalogue_ = nullptr;

TEST_F(CatalogueTest, EveryTypeRendersInEveryLanguageAndPart) {
  int rendered = 0;
  for (MessageType type : kAllMessageTypes) {
    for (Language language : kAllLanguages) {
      for (const testing::Sample& s : Samples(type)) {
        SCOPED_TRACE(TemplateFileName(type, language, Part::kText) + " " + s.label);
        RenderedMessage m = Render(type, language, s.values);
        for (const std::string* part : {&m.subject, &m.text, &m.html, &m.sms, &m.markdown}) {
          EXPECT_FALSE(part->empty());
          EXPECT_THAT(*part, Not(HasSubstr("{{")));
          EXPECT_THAT(*part, Not(HasSubstr("}}")));
          EXPECT_THAT(*part, Not(HasSubstr("\n\n\n")));  // sections leave no holes
        }
        EXPECT_THAT(m.subject, Not(HasSubstr("\n")));
        EXPECT_THAT(m.sms, Not(HasSubstr("\n")));
        EXPECT_TRUE(absl::StartsWith(m.html, "<!DOCTYPE html>\n<html lang=\"")) << m.html;
        EXPECT_THAT(m.html, HasSubstr(absl::StrCat("lang=\"", LanguageCode(language), "\"")));
        ++rendered;
      }
    }
  }
  EXPECT_EQ(rendered, 4 * (3 + 3 + 3 + 3 + 1 + 1 + 1));
}

TEST_F(CatalogueTest, ArabicHtmlIsRightToLeft) {
  for (MessageType type : kAllMessageTypes) {
    for (Language language : kAllLanguages) {
      RenderedMessage m = Render(type, language, Samples(type).front().values);
      if (language == Language::kArabic) {
        EXPECT_THAT(m.html, HasSubstr("<html lang=\"ar\" dir=\"rtl\">"));
      } else {
        EXPECT_THAT(m.html, HasSubstr("dir=\"ltr\">"));
        EXPECT_THAT(m.html, Not(HasSubstr("rtl")));
      }
    }
  }
}

TEST_F(CatalogueTest, EscapesValuesInHtmlOnly) {
  MessageValues v = Samples(MessageType::kAppointmentConfirmation).front().values;
  v.SetText("site_label", "CPI <script>alert('x')</script> Torino & Collegno");
  RenderedMessage m = Render(MessageType::kAppointmentConfirmation, Language::kItalian, v);
  EXPECT_THAT(m.html, HasSubstr("CPI &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Torino "
                                "&amp; Collegno"));
  EXPECT_THAT(m.html, Not(HasSubstr("<script>")));
  EXPECT_THAT(m.html, Not(HasSubstr("& Collegno")));
  EXPECT_THAT(m.text, HasSubstr("CPI <script>alert('x')</script> Torino & Collegno"));
}

TEST_F(CatalogueTest, ConfirmationOfAVideoCallCarriesTheLinkAndTheIcsLine) {
  MessageValues v = Samples(MessageType::kAppointmentConfirmation)[1].values;  // video_call
  for (Language language : kAllLanguages) {
    RenderedMessage m = Render(MessageType::kAppointmentConfirmation, language, v);
    EXPECT_THAT(m.text, HasSubstr(testing::kLongVideoLink));
    EXPECT_THAT(m.markdown, HasSubstr(absl::StrCat("](", testing::kLongVideoLink, ")")));
    EXPECT_THAT(m.html, HasSubstr("<a href=\"https://meet.sisl.regione.piemonte.it/"));
    EXPECT_THAT(m.text, HasSubstr(".ics"));  // e-mail only: App IO carries no attachment
    EXPECT_THAT(m.html, HasSubstr(".ics"));
    EXPECT_THAT(m.markdown, Not(HasSubstr(".ics")));
  }
  MessageValues in_person = Samples(MessageType::kAppointmentConfirmation)[0].values;
  RenderedMessage m = Render(MessageType::kAppointmentConfirmation, Language::kItalian, in_person);
  EXPECT_THAT(m.text, Not(HasSubstr("meet.sisl")));
  EXPECT_THAT(m.text, HasSubstr(testing::kLongAddress));
  EXPECT_THAT(m.text, HasSubstr("Modalità: in presenza"));
}

TEST_F(CatalogueTest, ConfirmationShowsDateAndTimeInRome) {
  MessageValues v = Samples(MessageType::kAppointmentConfirmation)[2].values;  // phone
  v.SetDateTime("start", RomeTime(2026, 12, 14, 10, 30));
  v.SetDateTime("end", RomeTime(2026, 12, 14, 11, 0));
  RenderedMessage it = Render(MessageType::kAppointmentConfirmation, Language::kItalian, v);
  EXPECT_EQ(it.subject, "Appuntamento confermato: lunedì 14 dicembre 2026, 10:30");
  EXPECT_THAT(it.text, HasSubstr("Quando: lunedì 14 dicembre 2026, 10:30–11:00\n"));
  EXPECT_THAT(it.sms, HasSubstr("14/12/2026 10:30"));
  RenderedMessage en = Render(MessageType::kAppointmentConfirmation, Language::kEnglish, v);
  EXPECT_EQ(en.subject, "Appointment confirmed: Monday 14 December 2026, 10:30");
  RenderedMessage fr = Render(MessageType::kAppointmentConfirmation, Language::kFrench, v);
  EXPECT_EQ(fr.subject, "Rendez-vous confirmé : lundi 14 décembre 2026 à 10:30");
  RenderedMessage ar = Render(MessageType::kAppointmentConfirmation, Language::kArabic, v);
  EXPECT_THAT(ar.subject, HasSubstr("الاثنين 14 ديسمبر 2026، 10:30"));
}

TEST_F(CatalogueTest, CancellationSaysWhoCancelled) {
  std::vector<testing::Sample> samples = Samples(MessageType::kAppointmentCancelled);
  ASSERT_EQ(samples.size(), 3u);
  const char* expected[] = {"su tua richiesta", "annullato dal Centro per l'impiego",
                            "l'ufficio resterà chiuso"};
  for (int i = 0; i < 3; ++i) {
    RenderedMessage m =
        Render(MessageType::kAppointmentCancelled, Language::kItalian, samples[i].values);
    for (int j = 0; j < 3; ++j) {
      if (i == j) {
        EXPECT_THAT(m.text, HasSubstr(expected[j])) << samples[i].label;
        EXPECT_THAT(m.markdown, HasSubstr(expected[j])) << samples[i].label;
      } else {
        EXPECT_THAT(m.text, Not(HasSubstr(expected[j]))) << samples[i].label;
      }
    }
  }
  RenderedMessage closure =
      Render(MessageType::kAppointmentCancelled, Language::kEnglish, samples[2].values);
  EXPECT_THAT(closure.sms, HasSubstr("as the office is closed that day"));
}

TEST_F(CatalogueTest, MovedNoticeNamesTheOldTimeWhenKnown) {
  MessageValues v = Samples(MessageType::kAppointmentMoved)[0].values;
  RenderedMessage m = Render(MessageType::kAppointmentMoved, Language::kEnglish, v);
  EXPECT_THAT(m.text, HasSubstr("appointment of Wednesday 23 September 2026, 15:45 has been"));
  EXPECT_EQ(m.subject, "Appointment moved to Wednesday 30 September 2026, 10:30");
}

TEST_F(CatalogueTest, ProposalProfileAndReceiptSayWhatMatters) {
  RenderedMessage p = Render(MessageType::kProposalReceived, Language::kItalian,
                             Samples(MessageType::kProposalReceived)[0].values);
  EXPECT_THAT(p.text, HasSubstr(testing::kLongVacancy));
  EXPECT_THAT(p.subject, HasSubstr("entro mercoledì 30 settembre 2026"));
  RenderedMessage e = Render(MessageType::kProfileExpiring, Language::kFrench,
                             Samples(MessageType::kProfileExpiring)[0].values);
  EXPECT_THAT(e.text, HasSubstr("expire le mercredi 30 septembre 2026"));
  RenderedMessage r = Render(MessageType::kCommunicationReceipt, Language::kEnglish,
                             Samples(MessageType::kCommunicationReceipt)[0].values);
  EXPECT_THAT(r.text, HasSubstr("Communication code: 0102026012345678"));
  EXPECT_THAT(r.text, HasSubstr("Protocol date: Wednesday 30 September 2026"));
}

TEST_F(CatalogueTest, ValueErrorsHaveReasons) {
  MessageValues ok = Samples(MessageType::kAppointmentCancelled)[0].values;
  auto render = [&](MessageValues v) {
    return catalogue_->Render(MessageType::kAppointmentCancelled, Language::kItalian, v);
  };
  EXPECT_TRUE(render(ok).ok());
  EXPECT_THAT(render(MessageValues(ok).SetText("unknown", "x")), HasReason("UNKNOWN_VARIABLE"));
  EXPECT_THAT(render(MessageValues(ok).SetText("video_link", "x")), HasReason("UNKNOWN_VARIABLE"));
  EXPECT_THAT(render(MessageValues(ok).SetFlag("site_label", true)), HasReason("VARIABLE_KIND"));
  EXPECT_THAT(render(MessageValues(ok).SetText("start", "tomorrow")), HasReason("VARIABLE_KIND"));
  EXPECT_THAT(render(MessageValues(ok).SetText("cancelled_by", "weather")),
              HasReason("INVALID_CHOICE"));
  MessageValues missing;
  missing.SetText("service_name", "s").SetText("site_label", "l").SetText("portal_url", "u");
  missing.SetText("cancelled_by", "citizen");
  absl::Status status = render(missing).status();
  EXPECT_THAT(status, HasReason("MISSING_VARIABLE"));
  EXPECT_EQ(platform::ErrorMetadata(status)["variable"], "start");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(CatalogueTest, OptionalVariablesMayBeLeftOut) {
  MessageValues without;
  without.SetText("vacancy_title", "Magazziniere")
      .SetDate("deadline", absl::CivilDay(2026, 12, 1))
      .SetText("portal_url", "https://x");
  RenderedMessage m = Render(MessageType::kProposalReceived, Language::kFrench, without);
  EXPECT_THAT(m.text, HasSubstr("proposée."));  // no "par <CPI>"
  EXPECT_THAT(m.subject, HasSubstr("mardi 1er décembre 2026"));
}

TEST(LanguageTest, TagsFallBackToItalian) {
  EXPECT_EQ(LanguageFromTag("en"), Language::kEnglish);
  EXPECT_EQ(LanguageFromTag("EN-gb"), Language::kEnglish);
  EXPECT_EQ(LanguageFromTag("fr_FR"), Language::kFrench);
  EXPECT_EQ(LanguageFromTag("ar-MA"), Language::kArabic);
  EXPECT_EQ(LanguageFromTag("it"), Language::kItalian);
  EXPECT_EQ(LanguageFromTag("de"), Language::kItalian);
  EXPECT_EQ(LanguageFromTag(""), Language::kItalian);
  EXPECT_EQ(LanguageFromTag("english"), Language::kItalian);
  EXPECT_TRUE(IsRightToLeft(Language::kArabic));
  EXPECT_FALSE(IsRightToLeft(Language::kFrench));
}

TEST(DateFormatTest, SummerAndWinterTimeInRome) {
  absl::TimeZone rome = testing::Rome();
  absl::Time summer = absl::FromCivil(absl::CivilSecond(2026, 7, 1, 8, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatLongDateTime(summer, rome, Language::kItalian), "mercoledì 1 luglio 2026, 10:30");
  absl::Time winter =
      absl::FromCivil(absl::CivilSecond(2026, 12, 14, 9, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatLongDateTime(winter, rome, Language::kEnglish), "Monday 14 December 2026, 10:30");
  EXPECT_EQ(FormatShortDateTime(winter, rome), "14/12/2026 10:30");
  EXPECT_EQ(FormatLongDate(absl::CivilDay(2027, 8, 1), Language::kFrench),
            "dimanche 1er août 2027");
  EXPECT_EQ(FormatLongDate(absl::CivilDay(2027, 3, 5), Language::kArabic), "الجمعة 5 مارس 2027");
}

}  // namespace
}  // namespace sisl::notifications
