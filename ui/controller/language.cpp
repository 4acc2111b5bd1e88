#include "controller/language.h"

#include "base/i18n.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFont>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace attn::ui {
namespace {

QString g_current = QStringLiteral("en");

QTranslator& appTranslator() {
    static QTranslator t;
    return t;
}

QTranslator& qtTranslator() {
    static QTranslator t;
    return t;
}

std::string translateCore(const char* context, const char* text) {
    return QCoreApplication::translate(context, text).toStdString();
}

}  // namespace

QStringList availableLanguages() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

QString languageName(const QString& code) {
    if (code == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString currentLanguage() { return g_current; }

QString initialLanguage() {
    const QString saved = QSettings().value("language").toString();
    if (availableLanguages().contains(saved)) return saved;
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

bool installLanguage(const QString& code) {
    if (!availableLanguages().contains(code)) return false;
    QCoreApplication::removeTranslator(&appTranslator());
    QCoreApplication::removeTranslator(&qtTranslator());
    if (code != QLatin1String("en")) {
        if (appTranslator().load(":/i18n/attentionlab_" + code + ".qm")) QCoreApplication::installTranslator(&appTranslator());
        if (qtTranslator().load("qtbase_" + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&qtTranslator());
        set_translator(translateCore);
    } else {
        set_translator(nullptr);
    }
    g_current = code;
    QLocale::setDefault(QLocale(code == QLatin1String("en") ? QStringLiteral("en_US") : code));
    QSettings().setValue("language", code);
    return true;
}

void useSimplifiedChineseFace() {
    QFont font = QApplication::font();
    if (!font.families().contains(QStringLiteral("Noto Sans CJK SC")))
        font.setFamilies({font.family(), QStringLiteral("Noto Sans CJK SC")});
    QApplication::setFont(font);
}

}  // namespace attn::ui
