package org.linli.shared.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

/**
 * Rewrites the links of pages to static files (a WebJar's version-free path to its
 * versioned one), as Spring's filter does, but only those: Spring's looks every link of a
 * page up among the files on the class path, and a page of rooms has hundreds of links
 * that are none, each looked up in every jar on each view (half of the time of a list
 * page). Registered as the one {@link ResourceUrlEncodingFilter}, in place of Spring's.
 */
@Component
class StaticResourceUrlEncodingFilter extends ResourceUrlEncodingFilter {

	private static final String[] STATIC = { "/webjars/", "/css/", "/js/" };

	/** At most this many resolved links are kept (pages link a few dozen). */
	private static final int MAX_KNOWN = 1000;

	/**
	 * The links to static files already resolved, by context path and link: the files do
	 * not change while the application runs, and every page links the same few.
	 */
	private final Map<String, String> resolved = new ConcurrentHashMap<>();

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse page)) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(request, new HttpServletResponseWrapper(page) {
			@Override
			public String encodeURL(String url) {
				return super.encodeURL(resolve(http, url));
			}
		});
	}

	private String resolve(HttpServletRequest request, String url) {
		String path = url.substring(Math.min(request.getContextPath().length(), url.length()));
		if (!url.startsWith(request.getContextPath()) || !isStatic(path)) {
			return url;
		}
		String key = request.getContextPath() + "\n" + url;
		String known = this.resolved.get(key);
		if (known != null) {
			return known;
		}
		if (request.getAttribute(
				ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR) instanceof ResourceUrlProvider urls) {
			String found = urls.getForRequestUrl(request, url);
			if (found == null) {
				return url;
			}
			if (this.resolved.size() < MAX_KNOWN && url.indexOf('?') < 0) {
				this.resolved.put(key, found);
			}
			return found;
		}
		return url;
	}

	private static boolean isStatic(String path) {
		for (String prefix : STATIC) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
