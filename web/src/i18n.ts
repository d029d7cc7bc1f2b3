import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';

export const LANGUAGE_KEY = 'frontera.language';
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

function storedLanguage(): Language {
  const saved = window.localStorage.getItem(LANGUAGE_KEY);
  if (saved === 'en' || saved === 'es') return saved;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** Sets up i18next with the English and Spanish resources and the remembered language. */
export function initI18n() {
  const language = storedLanguage();
  document.documentElement.lang = language;
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  return i18next;
}

/** Switches language, remembers it, and tells assistive technology via `<html lang>`. */
export function setLanguage(language: Language) {
  window.localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}
