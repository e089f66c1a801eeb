package io.parley.bench;

import java.util.Locale;

/** The target column: the goal, and whether this run met it. */
final class Targets {
    private Targets() {}

    static String atMostTimes(double value, double ceiling, double times) {
        String goal = String.format(Locale.ROOT, "≤ %sx", times == Math.rint(times) ? (int) times : times);
        return verdict(goal, value, ceiling * times);
    }

    static String atMostPlus(double value, double ceiling, double plus, String plusText) {
        return verdict("≤ ceiling + " + plusText, value, ceiling + plus);
    }

    static String atMost(double value, double bound, String boundText) {
        return verdict("≤ " + boundText, value, bound);
    }

    private static String verdict(String goal, double value, double bound) {
        if (Double.isNaN(value) || Double.isNaN(bound)) {
            return goal;
        }
        return goal + (value <= bound ? ": met" : ": missed");
    }
}
