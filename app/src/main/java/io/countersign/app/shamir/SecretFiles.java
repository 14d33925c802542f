package io.countersign.app.shamir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;

/**
 * Files that hold secret material (share cards, share text): created owner-only <em>before</em>
 * any byte is written, so no other account can open them even for an instant, and never left
 * half-written.
 *
 * <ul>
 *   <li>POSIX (Linux, macOS): {@code Files.createFile} with permissions {@code rw-------} (0600)
 *       as a creation attribute (the process umask can only remove bits, never add them).
 *   <li>Windows (no POSIX view): created with an ACL whose only entry allows the file's owner
 *       (the current user) full access; inherited entries are not applied because the ACL is
 *       given explicitly at creation ({@code acl:acl} attribute, {@link AclFileAttributeView}).
 * </ul>
 */
public final class SecretFiles {
    private SecretFiles() {}

    /** Writes the secret content to an open stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Creates {@code file} (which must not exist) owner-only, then writes it; on any failure the
     * file is deleted.
     *
     * @throws UncheckedIOException naming the file if it exists or cannot be written
     */
    public static void writeNew(Path file, Writer writer) {
        try {
            Files.createFile(file, ownerOnly(file.getFileSystem(), file));
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException(file + " already exists: choose an empty folder (nothing was overwritten)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writer.write(out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the original error says what went wrong
            }
            throw e instanceof IOException io ? new UncheckedIOException("cannot write " + file + ": " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
    }

    /** The creation attribute that makes a new file readable and writable by its owner only. */
    static FileAttribute<?> ownerOnly(FileSystem fs, Path file) throws IOException {
        if (fs.supportedFileAttributeViews().contains("posix")) {
            return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        }
        if (fs.supportedFileAttributeViews().contains("acl")) {
            UserPrincipal owner = fs.getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
            AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
            List<AclEntry> acl = List.of(entry);
            return new FileAttribute<List<AclEntry>>() {
                @Override
                public String name() {
                    return "acl:acl";
                }

                @Override
                public List<AclEntry> value() {
                    return acl;
                }
            };
        }
        throw new IOException("the file system of " + file + " can restrict a file to its owner neither by POSIX permissions "
                + "nor by an ACL; refusing to write secret material there");
    }
}
