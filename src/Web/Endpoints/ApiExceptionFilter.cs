using CaseManager.Application.Common.Interfaces;

namespace CaseManager.Web.Endpoints;

/// <summary>
/// Maps application outcomes of /api endpoints to RFC 9457 problem details (application/problem+json): 400 with field
/// errors, 404, 403, 401, 409 (with the resume offset for uploads), 413 for an oversized body, 507 when storage is full.
/// </summary>
internal sealed class ApiExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationException ex)
        {
            return Results.ValidationProblem(ex.Errors.ToDictionary(kv => kv.Key, kv => kv.Value));
        }
        catch (NotFoundException)
        {
            return ApiProblems.Result(StatusCodes.Status404NotFound);
        }
        catch (ForbiddenAccessException)
        {
            return ApiProblems.Result(StatusCodes.Status403Forbidden);
        }
        catch (UnauthorizedAccessException)
        {
            return ApiProblems.Result(StatusCodes.Status401Unauthorized);
        }
        catch (UploadOffsetMismatchException ex)
        {
            return ApiProblems.Result(StatusCodes.Status409Conflict, ex.Message, new Dictionary<string, object?> { ["offset"] = ex.CurrentOffset });
        }
        catch (ConflictException ex)
        {
            return ApiProblems.Result(StatusCodes.Status409Conflict, ex.Message);
        }
        catch (InsufficientStorageException ex)
        {
            return ApiProblems.Result(StatusCodes.Status507InsufficientStorage, ex.Message);
        }
        catch (EvidenceRejectedException ex)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["Upload"] = [ex.Message] });
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own refusals while the body is read (a chunk over the size limit: 413).
            return ApiProblems.Result(ex.StatusCode, ex.Message);
        }
    }
}

public sealed record UploadOffset(long Offset);
