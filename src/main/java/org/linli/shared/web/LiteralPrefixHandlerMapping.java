package org.linli.shared.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's handler mapping, which matches a path with a variable against the mappings
 * that can match it rather than against all of them.
 * <p>
 * For a path that is no mapping's literal path ({@code /admin/communities/7/rooms}),
 * Spring MVC matches every mapping of the application in turn (about 470 here), each
 * reading the request through the wrappers of the security and session filters: a tenth
 * of a list page's time and a quarter of a staff API read's (issue 12). A pattern can
 * only match a path that begins with its literal start, the text before its first
 * variable or wildcard ({@code /admin/communities/}), ends with its literal end (the text
 * after its last, {@code /rooms}) and has as many segments (unless it has {@code **}, a
 * capture of the rest or a regular expression); the mappings are indexed by their starts,
 * and only the few that pass the three are matched, compared and chosen exactly as Spring
 * MVC does. Everything else is left to Spring MVC: a path that is some mapping's literal
 * path, a path with an encoded character or a path parameter ({@code %}, {@code ;};
 * patterns match it decoded), a CORS preflight request, and a path no mapping matches
 * (Spring MVC then tells a wrong method, media type or parameter from a missing page).
 */
class LiteralPrefixHandlerMapping extends RequestMappingHandlerMapping {

	private volatile @Nullable Index index;

	@Override
	protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
			throws Exception {
		Index current = index();
		if (current == null || current.literal.contains(lookupPath) || lookupPath.indexOf('%') >= 0
				|| lookupPath.indexOf(';') >= 0 || CorsUtils.isPreFlightRequest(request)) {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		List<Match> matches = new ArrayList<>(2);
		for (RequestMappingInfo candidate : current.candidates(lookupPath)) {
			RequestMappingInfo match = getMatchingMapping(candidate, request);
			if (match != null) {
				matches.add(new Match(match, current.handlers.get(candidate)));
			}
		}
		if (matches.isEmpty()) {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		Match best = matches.get(0);
		if (matches.size() > 1) {
			Comparator<RequestMappingInfo> comparator = getMappingComparator(request);
			matches.sort((a, b) -> comparator.compare(a.mapping, b.mapping));
			best = matches.get(0);
			if (comparator.compare(best.mapping, matches.get(1).mapping) == 0) {
				throw new IllegalStateException("Ambiguous handler methods mapped for '" + request.getRequestURI()
						+ "': {" + best.handler.getMethod() + ", " + matches.get(1).handler.getMethod() + "}");
			}
		}
		request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler);
		handleMatch(best.mapping, lookupPath, request);
		return best.handler;
	}

	@Override
	protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
		super.registerHandlerMethod(handler, method, mapping);
		this.index = null;
	}

	@Override
	public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
		super.registerMapping(mapping, handler, method);
		this.index = null;
	}

	@Override
	public void unregisterMapping(RequestMappingInfo mapping) {
		super.unregisterMapping(mapping);
		this.index = null;
	}

	/**
	 * The index of the mappings, built at the first lookup after a change; null where it
	 * cannot serve.
	 */
	private @Nullable Index index() {
		Index current = this.index;
		if (current == null) {
			PathPatternParser parser = getPatternParser();
			if (parser == null || !parser.isCaseSensitive()) {
				return null;
			}
			current = new Index(getHandlerMethods());
			this.index = current;
		}
		return current;
	}

	private record Match(RequestMappingInfo mapping, HandlerMethod handler) {
	}

	/**
	 * The mappings by the literal starts of their patterns, and every mapping's literal
	 * paths.
	 */
	static final class Index {

		/** The paths of the patterns without a variable or wildcard. */
		final Set<String> literal = new HashSet<>();

		final Map<RequestMappingInfo, HandlerMethod> handlers;

		/** The patterns with a variable or wildcard, by their literal start. */
		private final Map<String, List<Shape>> byStart = new HashMap<>();

		/** The lengths of those starts, shortest first. */
		private final int[] lengths;

		/** The mappings without a path of their own, which may match any. */
		private final List<RequestMappingInfo> anyPath = new ArrayList<>();

		Index(Map<RequestMappingInfo, HandlerMethod> handlers) {
			this.handlers = handlers;
			Set<Integer> lengths = new TreeSet<>();
			for (RequestMappingInfo info : handlers.keySet()) {
				PathPatternsRequestCondition condition = info.getPathPatternsCondition();
				if (condition == null || condition.isEmptyPathMapping()) {
					this.anyPath.add(info);
					continue;
				}
				for (PathPattern pattern : condition.getPatterns()) {
					String text = pattern.getPatternString();
					String start = literalStart(text);
					if (start.length() == text.length()) {
						this.literal.add(text);
					}
					else {
						this.byStart.computeIfAbsent(start, (s) -> new ArrayList<>()).add(Shape.of(info, text, start));
						lengths.add(start.length());
					}
				}
			}
			this.lengths = lengths.stream().mapToInt(Integer::intValue).toArray();
		}

		/**
		 * The mappings that may match a path that is no mapping's literal path, each
		 * once.
		 */
		List<RequestMappingInfo> candidates(String path) {
			Map<RequestMappingInfo, Boolean> found = new IdentityHashMap<>();
			List<RequestMappingInfo> candidates = new ArrayList<>(this.anyPath);
			int slashes = countSlashes(path);
			for (int length : this.lengths) {
				if (length > path.length()) {
					break;
				}
				List<Shape> shapes = this.byStart.get(path.substring(0, length));
				if (shapes != null) {
					for (Shape shape : shapes) {
						if (shape.mayMatch(path, slashes) && found.put(shape.info, Boolean.TRUE) == null) {
							candidates.add(shape.info);
						}
					}
				}
			}
			return candidates;
		}

		/** The text of a pattern up to its first variable or wildcard. */
		static String literalStart(String pattern) {
			for (int i = 0; i < pattern.length(); i++) {
				char c = pattern.charAt(i);
				if (c == '{' || c == '*' || c == '?') {
					return pattern.substring(0, i);
				}
			}
			return pattern;
		}

		private static int countSlashes(String text) {
			int count = 0;
			for (int i = 0; i < text.length(); i++) {
				if (text.charAt(i) == '/') {
					count++;
				}
			}
			return count;
		}

		/**
		 * What a path must have to match a pattern with a variable or wildcard: the
		 * pattern's number of segments (a variable or a single wildcard stands for one,
		 * so -1 where a pattern has {@code **}, a capture of the rest or a regular
		 * expression), and its literal end, the text after its last variable or wildcard.
		 */
		private record Shape(RequestMappingInfo info, int slashes, String end, int least) {

			static Shape of(RequestMappingInfo info, String pattern, String start) {
				boolean anyLength = pattern.contains("**") || pattern.contains("{*") || pattern.contains(":");
				int last = Math.max(pattern.lastIndexOf('}'),
						Math.max(pattern.lastIndexOf('*'), pattern.lastIndexOf('?')));
				String end = anyLength ? "" : pattern.substring(last + 1);
				return new Shape(info, anyLength ? -1 : countSlashes(pattern), end, start.length() + end.length());
			}

			boolean mayMatch(String path, int pathSlashes) {
				return (this.slashes < 0 || this.slashes == pathSlashes) && path.length() >= this.least
						&& path.endsWith(this.end);
			}

		}

	}

}
