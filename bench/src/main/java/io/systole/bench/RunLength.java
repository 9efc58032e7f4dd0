package io.systole.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run length every benchmark inherits (JMH's run annotations are {@code @Inherited}): one fork,
 * three one-second warm-up iterations, five two-second measured ones, the same as {@code -f 1 -wi 3
 * -w 1s -i 5 -r 2s}. One place to change it; the command line still overrides it.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public abstract class RunLength {}
