package com.pveams.adapters.rest.legacy;

import java.util.Locale;

/**
 * Messages are Chinese, as legacy clients expect, unless the caller's Accept-Language prefers English.
 */
public final class Language {
    private Language() {
    }

    public static boolean prefersEnglish(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return false;
        }
        String best = null;
        double bestQ = -1;
        for (String part : acceptLanguage.split(",")) {
            String[] pieces = part.trim().split(";");
            String tag = pieces[0].trim().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            // q=0 (or an unreadable q) means "not acceptable"
            if (!tag.isEmpty() && q > 0 && q > bestQ) {
                best = tag;
                bestQ = q;
            }
        }
        return best != null && (best.equals("en") || best.startsWith("en-"));
    }
}
