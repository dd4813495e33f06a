package com.pveams.domain.hardware;

import com.pveams.domain.error.DomainException;

/**
 * Something that still uses a catalogue entry (a model group or a flavour). Deleting the entry is refused with
 * a message naming it, so the operator knows what to change first.
 */
public record Referrer(Kind kind, long id, String name) {
    public enum Kind {
        MODEL_GROUP("模型组", "model group"),
        FLAVOUR("配置模板", "flavour");

        private final String zh;
        private final String en;

        Kind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    /** @param whatZh / whatEn what was to be deleted, e.g. "CPU模型" / "CPU model" */
    public DomainException refuseDeletion(String whatZh, String whatEn) {
        String label = "#" + id + (name == null || name.isBlank() ? "" : " (" + name + ")");
        return DomainException.failure("该" + whatZh + "正被" + kind.zh + " " + label + " 使用，无法删除",
                "This " + whatEn + " is used by " + kind.en + " " + label + " and cannot be deleted");
    }
}
