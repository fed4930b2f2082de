// Linli's page behaviour: CSRF header for htmx writes, and list paging/sorting through the list's filter form.
(function () {
  'use strict';
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header && token.content) {
      event.detail.headers[header.content] = token.content;
    }
  });

  function listForm(element) {
    return element.closest('form[data-list]') || document.querySelector('form[data-list]');
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest('[data-page],[data-sort]');
    if (!link) {
      return;
    }
    var form = listForm(link);
    if (!form) {
      return;
    }
    event.preventDefault();
    if (link.dataset.sort) {
      var same = form.elements.sort.value === link.dataset.sort;
      form.elements.dir.value = (same && form.elements.dir.value !== 'desc') ? 'desc' : 'asc';
      form.elements.sort.value = link.dataset.sort;
      form.elements.page.value = 0;
    } else {
      form.elements.page.value = link.dataset.page;
    }
    form.requestSubmit();
  });

  // in the capture phase, before htmx (listening on the form) sends the changed filters
  document.addEventListener('change', function (event) {
    var form = event.target.form;
    if (form && form.dataset.list !== undefined && form.elements.page && event.target.name !== 'page') {
      form.elements.page.value = 0;
    }
  }, true);

  // behaviour declared in the markup (no inline handlers: the pages' Content-Security-Policy allows none)
  document.addEventListener('change', function (event) {
    if (event.target.matches('[data-submit-on-change]') && event.target.form) {
      event.target.form.submit();
    }
  });

  document.addEventListener('click', function (event) {
    var all = event.target.closest('[data-check-all]');
    if (all) {
      document.querySelectorAll(all.dataset.checkAll).forEach(function (box) {
        box.checked = all.checked;
      });
    }
    if (event.target.closest('[data-print]')) {
      window.print();
    }
  });

  // parts of a form shown only for some values of one of its fields: data-show-when="method:AREA,METERED"
  function showWhen(form) {
    form.querySelectorAll('[data-show-when]').forEach(function (part) {
      var rule = part.dataset.showWhen.split(':');
      var field = form.elements[rule[0]];
      if (field) {
        part.hidden = rule[1].split(',').indexOf(field.value) < 0;
      }
    });
  }
  document.addEventListener('change', function (event) {
    if (event.target.form && event.target.form.querySelector('[data-show-when]')) {
      showWhen(event.target.form);
    }
  });
  document.querySelectorAll('form').forEach(function (form) {
    if (form.querySelector('[data-show-when]')) {
      showWhen(form);
    }
  });

  document.addEventListener('submit', function (event) {
    // the button that submitted may ask first (one form, several buttons), else the form
    var submitter = event.submitter;
    var message = (submitter && submitter.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
