package org.linli.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handler chosen for a request is the one Spring MVC's own matching chooses: for a
 * path made from every pattern of the application, the best of all the mappings that
 * match it (each compared in full, none ruled out by its start); where none matches, the
 * same answer (a wrong method told from a missing page).
 */
class HandlerChoiceIntegrationTests extends IntegrationTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void everyPatternsPathGoesWhereSpringsFullMatchingSendsIt() throws Exception {
		assertThat(this.mapping).isInstanceOf(LiteralPrefixHandlerMapping.class);
		Map<RequestMappingInfo, HandlerMethod> all = this.mapping.getHandlerMethods();
		LiteralPrefixHandlerMapping.Index index = new LiteralPrefixHandlerMapping.Index(all);
		List<String> checked = new ArrayList<>();
		for (RequestMappingInfo info : all.keySet()) {
			if (info.getPathPatternsCondition() == null || !info.getParamsCondition().isEmpty()
					|| !info.getHeadersCondition().isEmpty()) {
				continue;
			}
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				String path = pattern.getPatternString().replaceAll("\\{[^}:*]+\\}", "7");
				if (path.indexOf('{') >= 0 || path.indexOf('*') >= 0 || path.indexOf('?') >= 0) {
					continue;
				}
				MockHttpServletRequest request = request(info, path);
				assertThat(chosen(request)).as("%s %s", request.getMethod(), path).isEqualTo(best(all, request));
				// and found among the index's few, not by Spring's matching of all after
				// none of them matched
				if (!index.literal.contains(path)) {
					assertThat(index.candidates(path)).as(path).contains(info).hasSizeLessThan(10);
				}
				checked.add(path);
			}
		}
		assertThat(checked).hasSizeGreaterThan(200).anyMatch((p) -> p.equals("/admin/communities/7/rooms"));
		assertThat(checked.stream().filter((p) -> p.contains("/7")).count()).isGreaterThan(100);
	}

	@Test
	void aPathWithAnEncodedCharacterIsMatchedAgainstEveryMapping() throws Exception {
		MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/admin/communities/7/rooms");
		MockHttpServletRequest encoded = new MockHttpServletRequest("GET", "/admin/%63ommunities/7/rooms");
		Map<RequestMappingInfo, HandlerMethod> all = this.mapping.getHandlerMethods();
		assertThat(best(all, encoded)).isNotNull().isEqualTo(best(all, plain));
		assertThat(chosen(encoded)).isEqualTo(chosen(plain)).isEqualTo(best(all, plain));
		assertThat(chosen(new MockHttpServletRequest("GET", "/admin/communities/7/nothing-here"))).isNull();
	}

	@Test
	void aPathIsMatchedAgainstTheFewMappingsThatCanMatchIt() {
		Map<RequestMappingInfo, HandlerMethod> all = this.mapping.getHandlerMethods();
		LiteralPrefixHandlerMapping.Index index = new LiteralPrefixHandlerMapping.Index(all);
		assertThat(index.candidates("/admin/communities/7/rooms")).hasSizeLessThan(5)
			.anyMatch((info) -> all.get(info).getMethod().getName().equals("list")
					&& info.getPatternValues().contains("/admin/communities/{id}/rooms"))
			.allMatch((info) -> info.getPatternValues()
				.stream()
				.anyMatch((p) -> "/admin/communities/7/rooms".startsWith(p.replaceAll("\\{.*", ""))));
		assertThat(index.literal).contains("/admin/communities").doesNotContain("/admin/communities/{id}/rooms");
	}

	@Test
	void aWrongMethodIsToldFromAMissingPageAsSpringTellsIt() {
		assertThatThrownBy(() -> chosen(new MockHttpServletRequest("GET", "/api/v1/bills/7/waive")))
			.isInstanceOf(HttpRequestMethodNotSupportedException.class);
	}

	private static MockHttpServletRequest request(RequestMappingInfo info, String path) {
		String method = info.getMethodsCondition().getMethods().isEmpty() ? "GET"
				: info.getMethodsCondition().getMethods().iterator().next().name();
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		if (!info.getConsumesCondition().isEmpty()) {
			MediaType type = info.getConsumesCondition().getConsumableMediaTypes().iterator().next();
			request.setContentType(type.isWildcardType() ? MediaType.APPLICATION_JSON_VALUE : type.toString());
		}
		if (!info.getProducesCondition().isEmpty()) {
			request.addHeader("Accept", info.getProducesCondition().getProducibleMediaTypes().iterator().next());
		}
		return request;
	}

	private java.lang.reflect.Method chosen(MockHttpServletRequest request) throws Exception {
		ServletRequestPathUtils.parseAndCache(request);
		HandlerExecutionChain chain = this.mapping.getHandler(request);
		return (chain != null) ? ((HandlerMethod) chain.getHandler()).getMethod() : null;
	}

	/**
	 * Spring MVC's choice, every mapping matched in full: the best of those that match.
	 */
	private static java.lang.reflect.Method best(Map<RequestMappingInfo, HandlerMethod> all,
			MockHttpServletRequest request) {
		ServletRequestPathUtils.parseAndCache(request);
		RequestMappingInfo best = null;
		HandlerMethod handler = null;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : all.entrySet()) {
			RequestMappingInfo match = entry.getKey().getMatchingCondition(request);
			if (match != null && (best == null || match.compareTo(best, request) < 0)) {
				best = match;
				handler = entry.getValue();
			}
		}
		return (handler != null) ? handler.getMethod() : null;
	}

}
