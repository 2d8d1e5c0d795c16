package io.jobrun.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser drew of a timeline, read from its DOM after the page's script ran: the bars with their statuses, the
 * bands with how many instances each holds, and the counts the page shows.
 *
 * @param rendered  whether the script got to its end
 * @param barStatus the status of each bar, in the page's order
 * @param bands     the number of instances in each band
 * @param counts    the counts shown above the timeline, by status, and "total"
 */
public record TimelineDom(boolean rendered, List<String> barStatus, List<Integer> bands, Map<String, Integer> counts) {
    private static final Pattern BAR = Pattern.compile("<g class=\"bar\" data-key=\"[^\"]*\" data-status=\"(\\w+)\"");
    private static final Pattern BAND = Pattern.compile("<g class=\"band\" data-count=\"(\\d+)\"");
    private static final Pattern COUNT = Pattern.compile(
            "<span class=\"count\" data-status=\"(\\w+)\">(?:<i class=\"s-\\w+\"></i>)?<b>(\\d+)</b>");

    public static TimelineDom of(String dom) {
        List<String> bars = new ArrayList<>();
        for (Matcher bar = BAR.matcher(dom); bar.find(); ) {
            bars.add(bar.group(1));
        }
        List<Integer> bands = new ArrayList<>();
        for (Matcher band = BAND.matcher(dom); band.find(); ) {
            bands.add(Integer.parseInt(band.group(1)));
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Matcher count = COUNT.matcher(dom); count.find(); ) {
            counts.put(count.group(1), Integer.parseInt(count.group(2)));
        }
        return new TimelineDom(dom.contains("data-rendered=\"true\""), bars, bands, counts);
    }

    /** Instances drawn: one per bar, and each band's. */
    public int instances() {
        return barStatus.size() + bands.stream().mapToInt(Integer::intValue).sum();
    }

    /** How many bars have {@code status}. */
    public long bars(String status) {
        return barStatus.stream().filter(status::equals).count();
    }
}
