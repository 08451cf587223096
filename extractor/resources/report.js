(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var picker = document.getElementById('picker');
  var views = Array.prototype.slice.call(document.querySelectorAll('main > .view'));
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function el(tag, cls, txt) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (txt !== undefined && txt !== null) n.textContent = String(txt);
    return n;
  }
  function show(key) {
    if (!views.some(function (v) { return v.id === key; })) key = picker.options[0].value;
    views.forEach(function (v) { v.hidden = v.id !== key; });
    picker.value = key;
    try { history.replaceState(null, '', '#' + key); } catch (err) { /* file: URLs may refuse */ }
  }
  picker.addEventListener('change', function () { show(picker.value); window.scrollTo(0, 0); });
  document.addEventListener('click', function (ev) {
    var go = ev.target.closest('[data-goto]');
    if (go) { ev.preventDefault(); show(go.getAttribute('data-goto')); window.scrollTo(0, 0); }
  });
  document.addEventListener('keydown', function (ev) {
    if ((ev.key === 'Enter' || ev.key === ' ') && ev.target.matches('[tabindex="0"]')) {
      ev.preventDefault(); ev.target.click();
    }
  });

  function setupDoc(sec) {
    var cs = DATA.docs[sec.id].commitments;
    var vague = DATA.docs[sec.id].vague;
    var marks = all(sec, '.text mark.hl');
    var marksOf = cs.map(function () { return []; });
    marks.forEach(function (m) {
      m._ids = m.getAttribute('data-c').split(' ').map(Number);
      m._ids.forEach(function (i) { marksOf[i].push(m); });
    });
    var badges = [], rows = [];
    all(sec, '.text .badge').forEach(function (b) { badges[+b.getAttribute('data-c')] = b; });
    all(sec, '.list tr[data-c]').forEach(function (r) { rows[+r.getAttribute('data-c')] = r; });
    var pages = all(sec, '.text .page');
    var form = sec.querySelector('form.filters');
    var status = sec.querySelector('.shown');
    var panel = sec.querySelector('.detail');
    var pass = cs.map(function () { return true; });
    var selected = -1;

    // what the search box looks in: the quote and every field a reviewer reads in the panel
    var haystack = cs.map(function (c) {
      var parts = [c.quote, c.actor, c.trigger, c.safeguard, c.modality, c.specificity, c.id,
                   c.verifiable ? 'verifiable' : 'unverifiable', 'page ' + c.span.page, c.alignment];
      if (c.seoul) parts.push(c.seoul, DATA.areas[c.seoul]);
      c.flags.forEach(function (f) {
        parts.push(f.code, DATA.rules[f.code], f.severity, f.message, f.evidence, f.defined_in);
      });
      return parts.filter(function (x) { return x !== null && x !== undefined; }).join('\n').toLowerCase();
    });
    function state() {
      var st = { mod: {}, spec: {}, flag: form.elements.flag.value, page: form.elements.page.value,
                 area: form.elements.area.value,
                 words: form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean) };
      all(form, 'input[name=mod]').forEach(function (x) { st.mod[x.value] = x.checked; });
      all(form, 'input[name=spec]').forEach(function (x) { st.spec[x.value] = x.checked; });
      return st;
    }
    function passes(c, i, st) {
      if (!st.mod[c.modality] || !st.spec[c.specificity]) return false;
      if (st.page && String(c.span.page) !== st.page) return false;
      if (st.area === 'none:' ? c.seoul : (st.area && c.seoul !== st.area)) return false;
      for (var w = 0; w < st.words.length; w++) { if (haystack[i].indexOf(st.words[w]) < 0) return false; }
      var codes = c.flags.map(function (f) { return f.code; });
      if (st.flag === 'vague:') return vague[i];
      if (st.flag === 'any:') return codes.length > 0;
      if (st.flag === 'none:') return codes.length === 0;
      if (st.flag.indexOf('code:') === 0) return codes.indexOf(st.flag.slice(5)) >= 0;
      return true;
    }
    function apply() {
      var st = state();
      pass = cs.map(function (c, i) { return passes(c, i, st); });
      marks.forEach(function (m) {
        var first = -1;
        for (var k = 0; k < m._ids.length; k++) { if (pass[m._ids[k]]) { first = m._ids[k]; break; } }
        if (first < 0) {
          m.classList.remove('on'); m.removeAttribute('data-mod'); m.removeAttribute('data-show');
        } else {
          m.classList.add('on'); m.setAttribute('data-mod', cs[first].modality); m.setAttribute('data-show', first);
        }
      });
      badges.forEach(function (b, i) { if (b) b.hidden = !pass[i]; });
      rows.forEach(function (r, i) { if (r) r.hidden = !pass[i]; });
      pages.forEach(function (p) { p.hidden = st.page !== '' && p.getAttribute('data-page') !== st.page; });
      var shown = pass.filter(Boolean).length;
      status.textContent = shown + ' of ' + cs.length + ' commitments shown';
      sec.setAttribute('data-shown', shown);
    }
    function field(dl, name, value, cls) {
      dl.appendChild(el('dt', null, name));
      var dd = el('dd', cls);
      if (value === null || value === undefined || value === '') { dd.appendChild(el('span', 'null', 'none')); }
      else if (value instanceof Node) { dd.appendChild(value); }
      else { dd.textContent = String(value); }
      dl.appendChild(dd);
    }
    function reveal(i) {
      var target = marksOf[i][0];
      if (!target) return;
      var textTab = sec.querySelector('[data-tab=text]');
      if (textTab) textTab.click();
      target.scrollIntoView({ block: 'center' });
    }
    function select(i, others) {
      if (selected >= 0) {
        marksOf[selected].forEach(function (m) { m.classList.remove('sel'); });
        if (rows[selected]) rows[selected].classList.remove('sel');
      }
      selected = i;
      marksOf[i].forEach(function (m) { m.classList.add('sel'); });
      if (rows[i]) rows[i].classList.add('sel');
      var c = cs[i];
      panel.replaceChildren();
      var head = el('h3', null, 'Commitment ' + (i + 1) + ' of ' + cs.length);
      panel.appendChild(head);
      if (!pass[i]) panel.appendChild(el('p', 'notice', 'Hidden by the current filters.'));
      panel.appendChild(el('blockquote', 'quote', c.quote));
      var dl = el('dl');
      var mod = el('span', 'mod', c.modality); mod.setAttribute('data-mod', c.modality);
      var spec = el('span', 'sp', c.specificity); spec.setAttribute('data-spec', c.specificity);
      field(dl, 'actor', c.actor);
      field(dl, 'modality', mod);
      field(dl, 'trigger', c.trigger);
      field(dl, 'safeguard', c.safeguard);
      field(dl, 'specificity', spec);
      field(dl, 'verifiable', c.verifiable ? 'yes' : 'no');
      field(dl, 'Seoul area', c.seoul ? c.seoul + ' ' + DATA.areas[c.seoul] : null);
      field(dl, 'page', c.span.page);
      field(dl, 'span', c.span.start + '–' + c.span.end + ' (' + (c.span.end - c.span.start) + ' chars)');
      field(dl, 'alignment', c.alignment);
      field(dl, 'id', c.id);
      var flags = null;
      if (c.flags.length) {
        flags = el('ul');
        c.flags.forEach(function (f) {
          var li = el('li');
          var chip = el('span', 'fl', f.code + (DATA.rules[f.code] ? ' ' + DATA.rules[f.code] : ''));
          chip.setAttribute('data-sev', f.severity);
          li.appendChild(chip);
          li.appendChild(el('span', null, ' ' + f.severity + ' (' + f.source + '): ' + f.message));
          if (f.evidence) li.appendChild(el('div', 'muted', 'evidence: “' + f.evidence + '”'));
          if (f.defined_in) li.appendChild(el('div', 'muted', 'defined in: ' + f.defined_in));
          flags.appendChild(li);
        });
      }
      field(dl, 'flags', flags);
      panel.appendChild(dl);
      var go = el('button', null, 'show in text');
      go.type = 'button';
      go.addEventListener('click', function () { reveal(i); });
      if (marksOf[i].length) panel.appendChild(go);
      (others || []).filter(function (j) { return j !== i; }).forEach(function (j) {
        var b = el('button', null, 'overlapping: commitment ' + (j + 1));
        b.type = 'button';
        b.addEventListener('click', function () { select(j, others); });
        panel.appendChild(b);
      });
    }
    // a row of buttons carrying `button` attributes shows the panes whose `pane` attribute matches
    function switchTab(t, button, pane) {
      var tab = t.closest('[' + button + ']');
      if (!tab) return false;
      all(sec, '[' + button + ']').forEach(function (b) { b.classList.toggle('active', b === tab); });
      all(sec, '[' + pane + ']').forEach(function (p) {
        p.hidden = p.getAttribute(pane) !== tab.getAttribute(button);
      });
      return true;
    }
    sec.addEventListener('click', function (ev) {
      var t = ev.target;
      if (switchTab(t, 'data-tab', 'data-pane') || switchTab(t, 'data-chart', 'data-chart-body')) return;
      var ex = t.closest('[data-export]');
      if (ex) { exportShown(ex.getAttribute('data-export')); return; }
      var area = t.closest('tr[data-area]');
      if (area) { showArea(area.getAttribute('data-area')); return; }
      var best = t.closest('[data-best]');
      if (best) { select(+best.getAttribute('data-best')); reveal(+best.getAttribute('data-best')); return; }
      var bar = t.closest('.bar-row');
      if (bar) {
        if (bar.hasAttribute('data-page-filter')) {
          form.elements.page.value = bar.getAttribute('data-page-filter'); apply();
          var pg = document.getElementById(sec.id + '-p' + form.elements.page.value);
          (pg || form).scrollIntoView({ block: 'start' });
        } else if (bar.hasAttribute('data-anchor')) {
          form.elements.page.value = ''; apply();
          var a = document.getElementById(bar.getAttribute('data-anchor'));
          var tt = sec.querySelector('[data-tab=text]');
          if (a) { if (tt) tt.click(); a.scrollIntoView({ block: 'start' }); }
        }
        return;
      }
      var m = t.closest('mark.hl.on');
      if (m) { select(+m.getAttribute('data-show'), m._ids.filter(function (j) { return pass[j]; })); return; }
      var b = t.closest('.badge');
      if (b) { select(+b.getAttribute('data-c')); return; }
      var r = t.closest('tr[data-c]');
      if (r) { select(+r.getAttribute('data-c')); }
    });
    // a card row: only that area's commitments, the text scrolled to the first, the area in the panel
    function showArea(code) {
      var a = DATA.docs[sec.id].areas[code];
      form.elements.area.value = code;
      apply();
      all(sec, 'tr[data-area]').forEach(function (r) { r.classList.toggle('sel', r.getAttribute('data-area') === code); });
      panel.replaceChildren();
      panel.appendChild(el('h3', null, 'Area ' + code + ': ' + a.name));
      panel.appendChild(el('p', null, 'level ' + a.level + ': ' + DATA.levels[a.level]));
      panel.appendChild(el('p', 'muted', a.commitments.length + ' commitment(s); the text shows only these ' +
                                          '(reset the filters to see all).'));
      if (a.best.length) {
        panel.appendChild(el('h4', null, 'best quotes'));
        var ol = el('ol', 'best');
        a.best.forEach(function (i) {
          var li = el('li');
          var b = el('button', 'linkish', cs[i].quote);
          b.type = 'button'; b.setAttribute('data-best', i);
          li.appendChild(b);
          li.appendChild(el('span', 'muted', ' p' + cs[i].span.page));
          ol.appendChild(li);
        });
        panel.appendChild(ol);
      }
      sec.setAttribute('data-area-shown', code);
      var first = a.commitments.filter(function (i) { return pass[i]; })[0];
      if (first !== undefined) reveal(first);
    }
    // export what the filters show, as the reviewer sees it: built here, saved by the browser, no network
    var COLUMNS = ['document', 'n', 'id', 'page', 'start', 'end', 'modality', 'specificity', 'verifiable',
                   'seoul', 'actor', 'trigger', 'safeguard', 'flags', 'alignment', 'quote'];
    function row(c, i) {
      return { document: DATA.docs[sec.id].id, n: i + 1, id: c.id, page: c.span.page, start: c.span.start,
               end: c.span.end, modality: c.modality, specificity: c.specificity, verifiable: c.verifiable,
               seoul: c.seoul, actor: c.actor, trigger: c.trigger, safeguard: c.safeguard,
               flags: c.flags.map(function (f) { return f.code; }).join(' '), alignment: c.alignment, quote: c.quote };
    }
    function csvCell(v) {
      var s = v === null || v === undefined ? '' : String(v);
      if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;  // a spreadsheet must not run a cell as a formula
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    function shownList() {
      return cs.map(function (c, i) { return i; }).filter(function (i) { return pass[i]; });
    }
    function exportText(kind) {
      var ids = shownList();
      if (kind === 'json') {
        var st = state();
        return JSON.stringify({ document: { id: DATA.docs[sec.id].id, title: DATA.docs[sec.id].title },
                                filters: { search: form.elements.q.value, modality: st.mod, specificity: st.spec,
                                           flag: st.flag, area: st.area, page: st.page },
                                shown: ids.length, total: cs.length,
                                commitments: ids.map(function (i) { return cs[i]; }) }, null, 2) + '\n';
      }
      var lines = [COLUMNS.join(',')];
      ids.forEach(function (i) {
        var r = row(cs[i], i);
        lines.push(COLUMNS.map(function (k) { return csvCell(r[k]); }).join(','));
      });
      return '\ufeff' + lines.join('\r\n') + '\r\n';  // the mark tells spreadsheets it is UTF-8
    }
    function exportShown(kind) {
      var text = exportText(kind);
      var name = String(DATA.docs[sec.id].id).replace(/[^A-Za-z0-9._-]+/g, '_') + '-commitments.' + kind;
      var blob = new Blob([text], { type: kind === 'json' ? 'application/json' : 'text/csv;charset=utf-8' });
      var url = URL.createObjectURL(blob);
      var a = document.createElement('a');
      a.href = url; a.download = name; a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      sec.setAttribute('data-exported', kind + ':' + shownList().length);
    }
    form.addEventListener('change', apply);
    form.elements.q.addEventListener('input', apply);
    form.addEventListener('reset', function () {
      setTimeout(function () {
        apply();
        all(sec, 'tr[data-area]').forEach(function (r) { r.classList.remove('sel'); });
      }, 0);
    });
    apply();
  }

  function setupDiff(sec) {
    var x = DATA.diffs[sec.id];
    var marksOf = { old: {}, new: {} };
    ['old', 'new'].forEach(function (side) {
      var col = sec.querySelector('.scroll[data-side=' + side + ']');
      if (!col) return;
      all(col, 'mark.hl').forEach(function (m) {
        m._side = side;
        m._ids = m.getAttribute('data-c').split(' ').map(Number);
        m._ids.forEach(function (i) { (marksOf[side][i] = marksOf[side][i] || []).push(m); });
      });
    });
    var pairsOf = { old: {}, new: {} };
    x.pairs.forEach(function (p, k) {
      ['old', 'new'].forEach(function (side) {
        if (p[side] !== null) (pairsOf[side][p[side]] = pairsOf[side][p[side]] || []).push(k);
      });
    });
    var rows = all(sec, '[data-pair]');
    var form = sec.querySelector('form.labels');
    var current = -1;
    function labelOf(side, i) { var ks = pairsOf[side][i]; return ks ? x.pairs[ks[0]].label : 'unlisted'; }
    function apply() {
      var on = {};
      all(form, 'input[name=label]').forEach(function (b) { on[b.value] = b.checked; });
      rows.forEach(function (r, k) { r.hidden = !on[x.pairs[k].label]; });
      ['old', 'new'].forEach(function (side) {
        Object.keys(marksOf[side]).forEach(function (i) {
          marksOf[side][i].forEach(function (m) {
            var vis = m._ids.filter(function (j) { return on[labelOf(side, j)]; });
            m.classList.toggle('on', vis.length > 0);
            if (vis.length) m.setAttribute('data-label', labelOf(side, vis[0]));
          });
        });
      });
    }
    function centre(box, target) {  // scroll one column only, never the window
      var top = target.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      box.scrollTop = Math.max(0, top - box.clientHeight / 2 + target.offsetHeight / 2);
    }
    function selectPair(k, from) {
      all(sec, '.sel').forEach(function (n) { n.classList.remove('sel'); });
      current = k;
      var p = x.pairs[k];
      rows[k].classList.add('sel');
      ['old', 'new'].forEach(function (side) {
        var ms = p[side] === null ? [] : (marksOf[side][p[side]] || []);
        ms.forEach(function (m) { m.classList.add('sel'); });
        var box = sec.querySelector('.scroll[data-side=' + side + ']');
        if (ms.length && side !== from && box) centre(box, ms[0]);
      });
      if (from) centre(sec.querySelector('.pair-list'), rows[k]);
      sec.setAttribute('data-pair-selected', k);
    }
    sec.addEventListener('click', function (ev) {
      var m = ev.target.closest('mark.hl.on');
      if (m && m._side) {
        for (var q = 0; q < m._ids.length; q++) {
          var ks = pairsOf[m._side][m._ids[q]];
          if (ks) { selectPair(ks[0], m._side); return; }
        }
        return;
      }
      var r = ev.target.closest('[data-pair]');
      if (r) selectPair(+r.getAttribute('data-pair'), null);
    });
    form.addEventListener('change', apply);
    apply();
  }

  views.forEach(function (v) {
    if (v.classList.contains('doc')) setupDoc(v);
    else if (v.classList.contains('diff')) setupDiff(v);
  });
  show(location.hash.slice(1));
  window.addEventListener('hashchange', function () {
    var key = location.hash.slice(1);
    if (picker.value !== key && views.some(function (v) { return v.id === key; })) show(key);
  });
  document.documentElement.setAttribute('data-ready', '1');
})();
