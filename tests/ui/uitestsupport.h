#pragma once
// A temporary database with a few known patients, for the widget tests.
#include "services/auditservice.h"
#include "services/backgroundreader.h"
#include "ui/drafts.h"
#include "services/patientservice.h"
#include "services/referralservice.h"
#include "storage/database.h"

#include "support/must.h"

#include <QCoreApplication>
#include <QSettings>
#include <QAbstractScrollArea>
#include <QAccessible>
#include <QTemporaryDir>
#include <QWidget>
#include <catch2/catch.hpp>

namespace painmdt::test {

// An administrator on the real clock: what a logged-in session gives the GUI.
inline services::StampSource adminSession()
{
    return services::StampSource(QStringLiteral("tester"), [] { return QDateTime::currentDateTimeUtc(); }, domain::Role::Admin);
}

// Every widget that can take keyboard focus must have a name a screen reader can say (ux.md).
// Returns the ones that have none, as "objectName (Class)".
inline QStringList unnamedFocusables(QWidget *root)
{
    QStringList unnamed;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (w->focusPolicy() == Qt::NoFocus || !w->isVisibleTo(root) || !w->isEnabled())
            continue;
        if (qobject_cast<QAbstractScrollArea *>(w->parentWidget()))
            continue; // viewports and scroll bars belong to their view
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        if (!iface || iface->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << QStringLiteral("%1 (%2)").arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()));
    }
    return unnamed;
}

// Waits until every list load asked for so far on `reader` is on screen.
inline void settle(services::BackgroundReader &reader)
{
    for (int round = 0; round < 3; ++round) { // a load's answer may ask for another
        reader.drain();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

// "Today" for the widgets is 21-Nov-2026 while this object lives (ClinicalDateEdit::today()).
struct FixedToday {
    FixedToday() { qputenv("PAINMDT_TODAY", "2026-11-21"); }
    ~FixedToday() { qunsetenv("PAINMDT_TODAY"); }
};

struct UiFixture {
    ~UiFixture() { ui::DraftStore::setCurrent(nullptr); }

    QTemporaryDir dir;
    std::shared_ptr<storage::Database> db;
    std::unique_ptr<services::PatientService> service;
    std::unique_ptr<services::BackgroundReader> background; // the lists' worker thread

    services::BackgroundReader &reader()
    {
        if (!background)
            background = std::make_unique<services::BackgroundReader>(db->location(), adminSession());
        return *background;
    }
    std::unique_ptr<services::AuditService> auditService;
    services::AuditService &audit()
    {
        if (!auditService)
            auditService = std::make_unique<services::AuditService>(*db, adminSession());
        return *auditService;
    }

    void settle()
    {
        if (background)
            test::settle(*background);
    }

    UiFixture()
    {
        // Forms keep drafts in this test's own folder (a main window sets its own).
        ui::DraftStore::setCurrent(std::make_shared<ui::DraftStore>(dir.filePath(QStringLiteral("drafts"))));
        // ... and settings (window size, preferences, recent databases): tests run side by side.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
        auto opened = storage::Database::open(dir.filePath(QStringLiteral("ui.sqlite")));
        REQUIRE(opened.ok());
        db = opened.value();
        service = std::make_unique<services::PatientService>(*db, adminSession());
    }

    domain::Patient add(const char *family, const char *given, QDate born, const char *nhs = "",
                        const char *ref = "")
    {
        domain::Patient p;
        p.familyName = QString::fromUtf8(family);
        p.givenName = QString::fromUtf8(given);
        p.dateOfBirth = born;
        p.nhsNumber = QString::fromUtf8(nhs);
        p.patientRef = QString::fromUtf8(ref);
        p.sex = domain::Sex::Female;
        auto saved = service->add(p);
        REQUIRE(saved.ok());
        return *saved.value;
    }

    // Smith x2 born 1960 (told apart by NHS number), Smithson, Jones, O'Brien; one without NHS No.
    void addStandardPatients()
    {
        add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
        add("Smith", "Joan", QDate(1960, 9, 1), "9990000026", "RX101");
        add("Smithson", "Alan", QDate(1975, 1, 2), "9990000034", "RX102");
        add("Jones", "Sarah", QDate(1990, 5, 6), "9990000042", "RX200");
        add("O'Brien", "Liam", QDate(1948, 12, 30), "", "RX300");
    }

    // Referrals for the triage, waiting-list and referral tests.
    std::unique_ptr<services::ReferralService> referrals;

    void useReferrals(services::StampSource stamps = adminSession())
    {
        referrals = std::make_unique<services::ReferralService>(*db, std::move(stamps));
    }

    domain::Referral refer(const domain::Patient &p, const char *ref, QDate received, const char *priority = "routine")
    {
        domain::Referral r;
        r.referralRef = QString::fromLatin1(ref);
        r.patientId = p.id;
        r.receivedOn = received;
        r.source = QStringLiteral("gp");
        r.priority = QString::fromLatin1(priority);
        r.reason = QStringLiteral("Low back pain for 6 months");
        auto saved = referrals->add(r);
        REQUIRE(saved.ok());
        return *saved.value;
    }

    // Triaged the day after it was received.
    domain::Referral triage(const domain::Referral &r, const char *pathway, std::optional<domain::Answers> answers = {})
    {
        auto saved = referrals->triage(r, r.receivedOn.addDays(1), QString::fromLatin1(pathway), {}, answers);
        REQUIRE(saved.ok());
        return *saved.value;
    }
};

} // namespace painmdt::test
