package io.systole.journal.chronicle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Test helpers that damage journal files on disk the way a disk, an admin or an attacker would. */
final class JournalFiles {
  private JournalFiles() {}

  /** The only cycle file of a journal that has one. */
  static Path onlyCycleFile(final Path dir) {
    final List<Path> files = CycleFiles.list(dir);
    if (files.size() != 1) {
      throw new IllegalStateException("expected one cycle file in " + dir + ", found " + files);
    }
    return files.get(0);
  }

  /** The file offset where {@code needle} occurs in {@code file}; fails unless exactly once. */
  static long find(final Path file, final byte[] needle) throws IOException {
    final byte[] data = Files.readAllBytes(file);
    long found = -1;
    outer:
    for (int i = 0; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      if (found >= 0) {
        throw new IllegalStateException("the bytes occur more than once in " + file);
      }
      found = i;
    }
    if (found < 0) {
      throw new IllegalStateException("the bytes do not occur in " + file);
    }
    return found;
  }

  /** Overwrites {@code file} at {@code offset} with {@code bytes}. */
  static void write(final Path file, final long offset, final byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes), offset);
    }
  }

  /** Flips every bit of the byte at {@code offset}. */
  static void flip(final Path file, final long offset) throws IOException {
    final ByteBuffer one = ByteBuffer.allocate(1);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ch.read(one, offset);
      one.put(0, (byte) ~one.get(0));
      one.rewind();
      ch.write(one, offset);
    }
  }

  /** Cuts {@code file} to {@code length} bytes. */
  static void truncate(final Path file, final long length) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(length);
    }
  }
}
