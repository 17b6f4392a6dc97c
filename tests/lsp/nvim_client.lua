-- Neovim's built-in LSP client (0.7+) against `stacklint lsp`, headless. Run by
-- tests/lsp/nvim_test.sh: opens $TEMPLATE, waits for diagnostics, fixes the template by
-- editing the buffer, waits for the diagnostic to go, asks for a definition, and writes
-- what it saw to $RESULT, one fact a line.
local out = {}
local function say(line) table.insert(out, line) end
local function finish()
  local f = io.open(os.getenv('RESULT'), 'w')
  f:write(table.concat(out, '\n') .. '\n')
  f:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('TEMPLATE')))
local id = vim.lsp.start_client({
  name = 'stacklint',
  cmd = { os.getenv('STACKLINT'), 'lsp' },
  root_dir = vim.fn.fnamemodify(os.getenv('TEMPLATE'), ':h'),
})
vim.lsp.buf_attach_client(0, id)

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(list, string.format('%s@%d:%d', tostring(code), d.lnum, d.col))
  end
  table.sort(list)
  return table.concat(list, ' ')
end

if not vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50) then
  say('no diagnostics')
  return finish()
end
say('diagnostics ' .. codes())

-- The definition of the Ref on line 13 (0-based 12), through the client.
local params = { textDocument = { uri = vim.uri_from_bufnr(0) },
                 position = { line = 12, character = 23 } }
local result = vim.lsp.buf_request_sync(0, 'textDocument/definition', params, 10000)
for _, r in pairs(result or {}) do
  if r.result and r.result.range then
    say(string.format('definition %d:%d', r.result.range.start.line,
                      r.result.range.start.character))
  end
end

-- Fix R001 by editing the buffer; the client sends the change.
vim.api.nvim_buf_set_lines(0, 8, 8, false, {
  '      LifecycleConfiguration:',
  '        Rules:',
  '          - {Id: Old, Status: Enabled, NoncurrentVersionExpiration: {NoncurrentDays: 30}}',
})
local gone = vim.wait(30000, function() return not codes():find('R001') end, 50)
say(gone and ('after edit ' .. codes()) or 'R001 still reported')
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.client_is_stopped(id) end, 50)
finish()
