package com.pveams.domain.region;

import com.pveams.domain.error.DomainException;

import java.time.Instant;
import java.util.Objects;

/**
 * A sales region (legacy "area") that nodes are grouped into. Regions form a two-level tree: top-level regions
 * (legacy {@code realm} 0) and their children (realm 1). Whatever the request, no third level can arise: a
 * child's parent must be top-level, and a region that has children cannot become a child. The schema's
 * {@code fk_region_parent} enforces the same as the last line of defence.
 */
public final class Region {
    public static final int NAME_MAX = 64;
    public static final int GEO_MAX = 255;

    private final Long id;
    private String name;
    private String geo;
    private Long parentId;
    private final Instant createdAt;

    public Region(Long id, String name, String geo, Long parentId, Instant createdAt) {
        this.id = id;
        this.name = requireName(name);
        this.geo = requireGeo(geo);
        if (parentId != null && (parentId < 1 || parentId.equals(id))) {
            throw new IllegalArgumentException("invalid parent " + parentId + " for region " + id);
        }
        this.parentId = parentId;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new region, top-level when {@code parent} is null, else a child of {@code parent}. */
    public static Region create(String name, String geo, Region parent, Instant now) {
        Region region = new Region(null, name, geo, null, now);
        region.moveUnder(parent, 0);
        return region;
    }

    /**
     * Places this region under {@code parent}, or at the top when it is null.
     * @param childCount how many regions currently have this one as their parent
     */
    public void moveUnder(Region parent, long childCount) {
        if (parent == null) {
            parentId = null;
            return;
        }
        if (parent.id() == null) {
            throw new IllegalArgumentException("the parent must be a stored region");
        }
        if (parent.id().equals(id)) {
            throw DomainException.invalid("parent", "不能是地区自身", "cannot be the region itself");
        }
        if (!parent.isTopLevel()) {
            throw DomainException.invalid("parent", "必须是顶级地区（地区只有两级）",
                    "must be a top-level region (regions have two levels)");
        }
        if (childCount > 0) {
            throw DomainException.failure("该地区下还有子地区，不能设为子级地区",
                    "This region has child regions, so it cannot become a child region");
        }
        parentId = parent.id();
    }

    public void rename(String newName) {
        this.name = requireName(newName);
    }

    public void describe(String newGeo) {
        this.geo = requireGeo(newGeo);
    }

    /**
     * Refuses to delete a region that still has children: they would be left without their parent.
     * Its nodes are not a reason to refuse; deleting the region unbinds them.
     */
    public void ensureDeletable(long childCount) {
        if (childCount > 0) {
            throw DomainException.failure("该地区下还有 " + childCount + " 个子地区，请先删除或移走子地区",
                    "This region still has " + childCount + " child region(s); delete or move them first");
        }
    }

    public boolean isTopLevel() {
        return parentId == null;
    }

    /** Legacy {@code realm}: 0 = top-level, 1 = child. */
    public int realm() {
        return isTopLevel() ? 0 : 1;
    }

    /** The duplicate-name refusal, with the legacy code and text (20400 该地区已存在). */
    public static DomainException duplicateName() {
        return DomainException.failure("该地区已存在", "This region already exists");
    }

    public static DomainException notFound() {
        return DomainException.failure("该地区不存在", "This region does not exist");
    }

    public static DomainException parentNotFound() {
        return DomainException.invalid("parent", "指定的父级地区不存在", "does not name an existing region");
    }

    public static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.required("name");
        }
        String n = name.strip();
        if (n.codePointCount(0, n.length()) > NAME_MAX) {
            throw DomainException.invalid("name", "长度不能超过 " + NAME_MAX, "must be at most " + NAME_MAX + " characters");
        }
        if (n.codePoints().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name", "不能包含控制字符", "must not contain control characters");
        }
        return n;
    }

    /** {@code geo} is free text (legacy); empty means none. */
    public static String requireGeo(String geo) {
        if (geo == null || geo.isBlank()) {
            return null;
        }
        String g = geo.strip();
        if (g.codePointCount(0, g.length()) > GEO_MAX) {
            throw DomainException.invalid("geo", "长度不能超过 " + GEO_MAX, "must be at most " + GEO_MAX + " characters");
        }
        if (g.codePoints().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("geo", "不能包含控制字符", "must not contain control characters");
        }
        return g;
    }

    public Long id() { return id; }
    public String name() { return name; }
    public String geo() { return geo; }
    public Long parentId() { return parentId; }
    public Instant createdAt() { return createdAt; }

    /**
     * Where a request puts a region, read from the legacy pair {@code realm} (0 top-level, 1 child) and
     * {@code parent} (a region id; 0 or absent means none, as the legacy stored top-level regions with parent 0).
     * Either may be omitted and is then derived from the other; when both are given they must agree.
     */
    public record Placement(Long parentId) {
        public static final Placement TOP_LEVEL = new Placement(null);

        public Placement {
            if (parentId != null && parentId < 1) {
                throw DomainException.invalid("parent", "必须是正整数", "must be a positive integer");
            }
        }

        public static Placement of(Integer realm, Long parent) {
            if (parent != null && parent < 0) {
                throw DomainException.invalid("parent", "必须是正整数", "must be a positive integer");
            }
            boolean hasParent = parent != null && parent != 0;
            if (realm == null) {
                return hasParent ? new Placement(parent) : TOP_LEVEL;
            }
            if (realm == 0) {
                if (hasParent) {
                    throw DomainException.invalid("realm", "为 0（顶级地区）时不能指定父级地区",
                            "0 (top-level) cannot have a parent");
                }
                return TOP_LEVEL;
            }
            if (realm == 1) {
                if (!hasParent) {
                    throw DomainException.invalid("parent", "子级地区（realm 为 1）必须指定父级地区",
                            "is required for a child region (realm 1)");
                }
                return new Placement(parent);
            }
            throw DomainException.invalid("realm", "只能是 0（顶级）或 1（子级）", "must be 0 (top-level) or 1 (child)");
        }

        public boolean topLevel() {
            return parentId == null;
        }
    }
}
