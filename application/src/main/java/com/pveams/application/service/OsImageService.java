package com.pveams.application.service;

import com.pveams.application.port.in.image.ManageOsImagesUseCase;
import com.pveams.application.port.in.image.OsCatalogueUseCase;
import com.pveams.application.port.in.image.OsImageView;
import com.pveams.application.port.out.image.ImageDownloadRepository;
import com.pveams.application.port.out.image.OsCatalogueSource;
import com.pveams.application.port.out.image.OsImageRepository;
import com.pveams.application.port.out.image.StoredDownload;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.nodeshell.NodeShell;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.image.CatalogueEntry;
import com.pveams.domain.image.DownloadMethod;
import com.pveams.domain.image.DownloadState;
import com.pveams.domain.image.ImageDownload;
import com.pveams.domain.image.ImageField;
import com.pveams.domain.image.ImageFileName;
import com.pveams.domain.image.ImageSize;
import com.pveams.domain.image.ImageSpec;
import com.pveams.domain.image.OsImage;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.application.service.vm.template.TemplateWrites;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** OS images and the online catalogue. Downloads are {@link ImageDownloadService}'s. */
@Singleton
public class OsImageService implements ManageOsImagesUseCase, OsCatalogueUseCase {
    private final OsImageRepository images;
    private final ImageDownloadRepository downloads;
    private final OsCatalogueSource catalogue;
    private final NodeConnections nodes;
    private final NodeShell shell;
    private final Clock clock;
    private final TemplateWrites templates;

    @Inject
    public OsImageService(OsImageRepository images, ImageDownloadRepository downloads, OsCatalogueSource catalogue,
                          NodeConnections nodes, NodeShell shell, Clock clock, TemplateWrites templates) {
        this.images = images;
        this.downloads = downloads;
        this.catalogue = catalogue;
        this.nodes = nodes;
        this.shell = shell;
        this.clock = clock;
        this.templates = templates;
    }

    @Override
    @Transactional
    public OsImageView define(DefineImageCommand command) {
        return view(insert(command.spec()));
    }

    @Override
    @Transactional
    public Page<OsImageView> list(PageRequest request) {
        return views(images.page(request));
    }

    @Override
    @Transactional
    public Page<OsImageView> search(ImageField.Filter filter, PageRequest request) {
        return views(images.search(filter, request));
    }

    @Override
    @Transactional
    public OsImageView revise(ReviseImageCommand command) {
        OsImage image = images.lockById(command.id()).orElseThrow(OsImageService::notFound);
        List<ImageDownload> files = downloads.forImages(List.of(image.id())).getOrDefault(image.id(), List.of())
                .stream().map(StoredDownload::download).toList();
        image.revise(command.spec(), command.downType(), command.size(), command.status(), files);
        refuseTaken(image.spec(), image.id());
        images.update(image);
        return view(image);
    }

    @Override
    @Transactional
    public void delete(long id) {
        // the lock keeps downloads from starting (their insert must share-lock this row) until the row is gone
        OsImage image = images.lockById(id).orElseThrow(OsImageService::notFound);
        List<StoredDownload> files = downloads.forImages(List.of(id)).getOrDefault(id, List.of());
        image.checkDeletable(files.stream().map(StoredDownload::download).toList());
        for (StoredDownload f : files) {
            ImageDownload d = f.download();
            if (d.state() == DownloadState.DOWNLOADED && d.method() != DownloadMethod.PVE) {
                removeFile(image, d, f.nodeName());
            }
            // PVE-downloaded files are volumes of an import storage, outside the image directory: they stay there
            // for the operator (PVE's storage view) rather than being removed by a call this service cannot undo.
        }
        templates.destroyTemplatesOf(id); // refused while one is being built
        images.delete(id);
    }

    private void removeFile(OsImage image, ImageDownload d, String nodeName) {
        Optional<NodeConnections.NodeAccess> node = nodes.find(d.nodeId());
        if (node.isEmpty()) {
            return; // the node is gone, and its row with it
        }
        var ssh = node.get().sshIn(image.spec().path().value()).orElseThrow(() -> DomainException.failure(
                "无法删除节点 " + nodeName + " 上的镜像文件：未配置 SSH",
                "Cannot delete the image file on node " + nodeName + ": SSH is not configured"));
        try {
            shell.deleteImage(ssh, image.spec().fileName().value());
        } catch (NodeShellException e) {
            throw DomainException.failure("删除节点 " + nodeName + " 上的镜像文件失败：" + e.kind(),
                    "Deleting the image file on node " + nodeName + " failed: " + e.kind());
        }
    }

    @Override
    @Transactional
    public CataloguePage browse(PageRequest request) {
        OsCatalogueSource.Catalogue c = catalogue.load();
        List<CatalogueEntry> all = c.entries();
        int from = (int) Math.min(all.size(), request.offset());
        List<CatalogueEntry> slice = all.subList(from, Math.min(all.size(), from + request.size()));
        Map<String, OsImage> known = images.findByFileNames(slice.stream().map(CatalogueEntry::fileName).toList())
                .stream().collect(Collectors.toMap(i -> i.spec().fileName().value(), Function.identity()));
        List<Item> items = new ArrayList<>();
        for (CatalogueEntry e : slice) {
            OsImage img = known.get(e.fileName());
            List<Activated> activated = img == null ? List.of() : List.of(new Activated(img.status().code(), img.id(),
                    ImageSize.human(img.sizeBytes()), img.spec().path().value(), img.createdAt()));
            items.add(new Item(e.fileName(), e.url(), e.cloudInit(), e.type(), e.arch(), e.osType(),
                    e.checksum() == null ? null : e.checksum().algorithm().name(),
                    e.checksum() == null ? null : e.checksum().hex(), e.checksumsUrl(), activated));
        }
        long total = all.size();
        return new CataloguePage(request.page(), request.size(), total, (total + request.size() - 1) / request.size(),
                items, c.bundled());
    }

    @Override
    @Transactional
    public OsImageView activate(String fileName) {
        ImageFileName name = new ImageFileName(fileName);
        CatalogueEntry entry = catalogue.load().entries().stream().filter(e -> e.fileName().equals(name.value()))
                .findFirst().orElseThrow(() -> DomainException.failure("在线镜像列表中没有 " + name.value(),
                        "The online catalogue has no image " + name.value()));
        if (images.fileNameTaken(name.value(), null)) {
            throw DomainException.failure("该镜像已激活", "This image is already activated");
        }
        return view(insert(entry.toSpec()));
    }

    private OsImage insert(ImageSpec spec) {
        refuseTaken(spec, null);
        return images.insertIfFree(OsImage.define(spec, clock.instant())).orElseThrow(() ->
                // a concurrent insert took the name or file name between the check and the insert
                DomainException.failure("镜像名称或文件名已存在", "An image with this name or file name already exists"));
    }

    private void refuseTaken(ImageSpec spec, Long exceptId) {
        if (images.nameTaken(spec.name(), exceptId)) {
            throw new DomainException(ErrorCode.ERROR, null, "镜像名称已存在", "An image with this name already exists");
        }
        if (images.fileNameTaken(spec.fileName().value(), exceptId)) {
            throw new DomainException(ErrorCode.ERROR, null, "镜像文件名已存在", "An image with this file name already exists");
        }
    }

    private Page<OsImageView> views(Page<OsImage> page) {
        Map<Long, List<StoredDownload>> files = downloads.forImages(page.records().stream().map(OsImage::id).toList());
        return page.map(i -> view(i, files.getOrDefault(i.id(), List.of())));
    }

    private OsImageView view(OsImage image) {
        return view(image, downloads.forImages(List.of(image.id())).getOrDefault(image.id(), List.of()));
    }

    static OsImageView view(OsImage i, List<StoredDownload> files) {
        ImageSpec s = i.spec();
        List<OsImageView.NodeFile> nodeFiles = files.stream().map(f -> {
            ImageDownload d = f.download();
            return new OsImageView.NodeFile(d.nodeId(), f.nodeName(), d.state().code(), d.progress(), d.reason(),
                    d.method() == null ? null : d.method().name(), d.updatedAt());
        }).toList();
        return new OsImageView(i.id(), s.name(), s.fileName().value(), s.kind().code(), s.arch(), s.osType(),
                s.downloadType().code(), s.url(), s.path().value(), s.cloudInit(), i.status().code(), i.reason(),
                i.sizeBytes(), ImageSize.human(i.sizeBytes()),
                s.checksum() == null ? null : s.checksum().algorithm().name(),
                s.checksum() == null ? null : s.checksum().hex(), s.pveOsType(), i.createdAt(), nodeFiles);
    }

    static DomainException notFound() {
        return new DomainException(ErrorCode.CLOUD_IMAGE_NOT_EXIST);
    }
}
